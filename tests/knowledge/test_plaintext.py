"""Plain-text loader: the OCR'd slide deck comes out without bullet glyphs and slide furniture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge import Chunker, LoaderError, load_file
from knowledge.loaders import load_text

DECK = "publicaties/commissie-radicalisering-presentatie.txt"
# Bullet glyphs as the PDF-to-text step left them at line starts in the shipped deck.
GLYPH_START = re.compile(r"^(?:e|«|»|o|O|0|o\]|o0|>|\*|\.|•) ")


def test_slide_deck_text_is_clean(corpus: Path) -> None:
    [doc] = load_file(corpus / DECK, DECK)
    text = doc.sections[0].text
    dirty = [line for line in text.splitlines() if GLYPH_START.match(line)]
    assert dirty == []
    assert not re.search(r"^(?:[oO0]+ ?)+$", text, re.MULTILINE)  # "O O OO" glyph rows are gone
    assert "Slide10" not in text
    assert text.count("Commissie Radicalisering") == 1  # the running title only where it starts
    assert "- Helpdesk (133 vragen van 53 lokale besturen in 2023)" in text  # items keep a clean marker
    assert "\n\n\n" not in text


def test_slide_deck_chunks_are_clean(corpus: Path) -> None:
    chunks = Chunker().chunk(load_file(corpus / DECK, DECK))
    assert len(chunks) > 1
    for chunk in chunks:
        assert not [line for line in chunk.text.splitlines() if GLYPH_START.match(line)], chunk.chunk_id


def test_title_is_first_line_and_blank_runs_collapse() -> None:
    [doc] = load_text("\ufeffEerste regel\n\n\n\n» punt een\no punt twee\n\r\n\r\nslot\n".encode(), "n.txt")
    assert doc.title == "Eerste regel"
    assert doc.sections[0].text == "Eerste regel\n\n- punt een\n- punt twee\n\nslot"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\n", "empty file"),
        ("café".encode("cp1252"), "not UTF-8"),
        (b"\x00\x01binary", "binary data"),
        (b"o\nO O OO\n", "no text"),
    ],
)
def test_unusable_text_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(LoaderError, match=reason):
        load_text(data, "x.txt")
