"""Markdown loader: front matter, heading paths, markup cleanup, and the reasons it refuses a file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge import LoaderError, load_file
from knowledge.loaders import load_markdown

SAMPLE = """---
title: "Testfiche: de LIVC R"
type: fiche
published: 2024-06-12
tags: [livc-r, test]
url: https://example.org/fiche
---

# De LIVC R

Inleiding met **vet** en *cursief* en een [link](https://example.org).

## 1. Wet

Tekst over de wet.

### Details

| Instrument | Niveau |
|---|---|
| Wet 2018 | Federaal |

```
# geen kop, maar code
```

## 2. Decreet

---

Tekst over het decreet.
"""


def load(text: str, doc_id: str = "publicaties/test.md") -> list:
    return load_markdown(text.encode("utf-8"), doc_id)


def test_front_matter_becomes_metadata() -> None:
    [doc] = load(SAMPLE)
    assert doc.doc_id == "publicaties/test.md"
    assert doc.title == "Testfiche: de LIVC R"
    assert doc.doc_type == "fiche"
    assert doc.published == date(2024, 6, 12)
    assert doc.tags == ("livc-r", "test")
    assert doc.url == "https://example.org/fiche"
    assert doc.faq_question is None


def test_sections_keep_the_full_heading_path() -> None:
    [doc] = load(SAMPLE)
    paths = [section.heading_path for section in doc.sections]
    assert paths == [
        ("De LIVC R",),
        ("De LIVC R", "1. Wet"),
        ("De LIVC R", "1. Wet", "Details"),
        ("De LIVC R", "2. Decreet"),
    ]


def test_markup_is_reduced_to_plain_text() -> None:
    [doc] = load(SAMPLE)
    intro, _, details, decree = doc.sections
    assert intro.text == "Inleiding met vet en cursief en een link."
    assert details.text.splitlines()[:2] == ["Instrument | Niveau", "Wet 2018 | Federaal"]
    assert "# geen kop, maar code" in details.text  # a '#' line inside a code fence is not a heading
    assert decree.text == "Tekst over het decreet."  # the thematic break is gone


def test_shipped_markdown_heading_path(corpus: Path) -> None:
    [doc] = load_file(corpus / "publicaties/livcr-wettelijk-kader.md", "publicaties/livcr-wettelijk-kader.md")
    paths = [section.heading_path for section in doc.sections]
    assert ("Het wettelijk kader van de LIVC R", "2. De wet van 30 juli 2018") in paths
    assert doc.title.startswith("Het wettelijk kader van de LIVC R")
    assert doc.published == date(2024, 6, 12)
    assert "wetgeving" in doc.tags


def test_file_without_front_matter_takes_its_first_heading_as_title() -> None:
    [doc] = load("# Losse notitie\n\nGewoon wat tekst.\n", "notities/los.md")
    assert doc.title == "Losse notitie"
    assert doc.doc_type == "publicatie"
    assert doc.published is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty file"),
        ("   \n\n", "empty file"),
        ("---\ntitle: x\n", "front matter is not closed"),
        ("---\ntitle: [unclosed\n---\n\nTekst.\n", "invalid YAML front matter"),
        ("---\n- a\n- b\n---\n\nTekst.\n", "invalid YAML front matter: expected key: value pairs"),
        ("---\ntitle: x\npublished: 2024-13-45\n---\n\nTekst.\n", "invalid YAML front matter: month must be"),
        ("---\ntitle: x\npublished: gisteren\n---\n\nTekst.\n", "invalid date in .published."),
        ("---\ntitle: x\n---\n\n# Enkel een kop\n", "no text after the front matter"),
    ],
)
def test_broken_markdown_is_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(LoaderError, match=reason):
        load(text)


def test_non_utf8_markdown_is_refused() -> None:
    with pytest.raises(LoaderError, match="not UTF-8"):
        load_markdown("# Tïtel\n\nTekst é".encode("cp1252"), "x.md")
