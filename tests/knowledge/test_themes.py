"""Themes: the followable list, front matter ``themes:``, and every FAQ entry's category."""

from __future__ import annotations

import logging

import pytest

from knowledge import Chunk
from knowledge.loaders import load_markdown
from knowledge.loaders.faq import load_faq
from knowledge.themes import BY_SLUG, THEMES, faq_themes, known_slugs, theme_name

DOC = """---
title: "Studiedag polarisatie"
themes: [polarisatie-en-online-haat, bestaat-niet, signalen-en-casussen]
---

# Studiedag

Tekst.
"""


def test_slugs_are_unique_and_url_safe() -> None:
    slugs = [theme.slug for theme in THEMES]
    assert len(slugs) == len(set(slugs)) >= 6
    assert all(slug.replace("-", "").isalnum() and slug == slug.lower() for slug in slugs)
    assert "beroepsgeheim-en-privacy" in BY_SLUG and theme_name("livcr-werking") == "LIVC R-werking"


def test_front_matter_themes_set_the_documents_themes(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        [document] = load_markdown(DOC.encode(), "publicaties/studiedag.md")
    assert document.themes == ("polarisatie-en-online-haat", "signalen-en-casussen")  # list order, unknown dropped
    assert "bestaat-niet" in caplog.text


def test_a_document_without_themes_is_left_to_the_classifier() -> None:
    [document] = load_markdown(b"# Titel\n\nTekst.\n", "publicaties/x.md")
    assert document.themes == ()


def test_every_shipped_faq_entry_has_its_category_theme(corpus_chunks: list[Chunk]) -> None:
    faq = [chunk for chunk in corpus_chunks if chunk.doc_type == "faq"]
    assert faq and all(len(chunk.themes) == 1 for chunk in faq)
    by_file = {chunk.doc_id.split("#")[0]: chunk.themes[0] for chunk in faq}
    assert by_file["faq/beroepsgeheim-en-privacy.yaml"] == "beroepsgeheim-en-privacy"
    assert by_file["faq/livcr-basis.yaml"] == by_file["faq/livcr-werking.yaml"] == "livcr-werking"
    assert set(by_file.values()) == set(BY_SLUG)


def test_an_faq_file_named_otherwise_is_themed_by_its_theme_line() -> None:
    data = b"theme: 'Polarisatie op sociale media'\nentries:\n  - {id: a-1, question: 'Vraag?', answer: 'Antwoord.'}\n"
    [entry] = load_faq(data, "eigen/lokale-faq.yaml")
    assert entry.themes == ("polarisatie-en-online-haat",)
    assert faq_themes("eigen/x.yaml#a", "Iets heel anders") == ()


def test_known_slugs_keeps_list_order() -> None:
    assert known_slugs(["vvsg-ondersteuning", "LIVCR-WERKING", "x"]) == ("livcr-werking", "vvsg-ondersteuning")
