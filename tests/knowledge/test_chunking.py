"""Chunker on hand-made documents: merging, splitting, ids."""

from __future__ import annotations

import pytest

from knowledge import Chunker, Document, Section, slug_path
from knowledge.text import word_count


def words(n: int, word: str = "woord") -> str:
    """n words in sentences of ten, so the splitter has sentence boundaries to cut at."""
    sentences = [" ".join([word] * 10) + "." for _ in range(n // 10)]
    rest = " ".join([word] * (n % 10))
    return " ".join([*sentences, rest]).strip()


def doc(*sections: tuple[tuple[str, ...], str], doc_id: str = "publicaties/x.md") -> Document:
    return Document(
        doc_id=doc_id, title="Titel", doc_type="fiche",
        sections=tuple(Section(heading_path=path, text=text) for path, text in sections),
    )  # fmt: skip


def test_lone_heading_is_merged_into_what_follows() -> None:
    document = doc((("A",), ""), (("A", "B"), words(150)))
    [chunk] = Chunker().chunk_document(document)
    assert chunk.chunk_id == "publicaties/x.md::a"
    assert chunk.section == "A"
    assert chunk.text.startswith("B\nwoord")


def test_heading_without_any_text_beneath_is_dropped() -> None:
    document = doc((("A",), ""), (("C",), words(150)))
    [chunk] = Chunker().chunk_document(document)
    assert chunk.section == "C"


def test_small_siblings_merge_but_large_ones_stay_apart() -> None:
    document = doc(
        (("A", "Een"), words(40)), (("A", "Twee"), words(40)), (("A", "Drie"), words(200)),
        (("A", "Vier"), words(200)),
    )  # fmt: skip
    chunks = Chunker().chunk_document(document)
    assert [c.section for c in chunks] == ["A > Een", "A > Drie", "A > Vier"]
    assert "\n\nTwee\n" in chunks[0].text  # the absorbed section keeps its heading as a line


def test_small_last_section_joins_the_one_before() -> None:
    document = doc((("A", "Een"), words(150)), (("A", "Slot"), words(30)))
    [chunk] = Chunker().chunk_document(document)
    assert chunk.text.endswith("Slot\n" + words(30))


def test_sections_of_other_parents_are_not_merged() -> None:
    document = doc((("A", "Een"), words(40)), (("B", "Twee"), words(40)))
    assert [c.section for c in Chunker().chunk_document(document)] == ["A > Een", "B > Twee"]


def test_long_section_is_split_evenly_with_overlap_and_numbered_ids() -> None:
    document = doc((("A", "Lang"), words(700)))
    chunker = Chunker()
    chunks = chunker.chunk_document(document)
    assert [c.chunk_id for c in chunks] == [
        "publicaties/x.md::a/lang", "publicaties/x.md::a/lang-2", "publicaties/x.md::a/lang-3",
        "publicaties/x.md::a/lang-4",
    ][: len(chunks)]  # fmt: skip
    sizes = [word_count(c.text) for c in chunks]
    assert len(chunks) >= 3
    assert max(sizes) <= chunker.max_words
    assert min(sizes) >= 0.5 * max(sizes)  # about equal pieces, no 20-word remainder
    assert sum(sizes) > 700  # overlap repeats a little text
    assert all(c.section == "A > Lang" for c in chunks)


def test_repeated_headings_get_distinct_ids() -> None:
    document = doc((("Vragen",), words(200)), (("Vragen",), words(200)), (("Vragen 2",), words(200)))
    ids = [c.chunk_id.split("::")[1] for c in Chunker().chunk_document(document)]
    assert ids == ["vragen", "vragen-2", "vragen-2-2"]


def test_faq_entry_is_one_chunk_whatever_its_length() -> None:
    entry = Document(
        doc_id="faq/a.yaml#a-1", title="Vraag?", doc_type="faq",
        sections=(Section(heading_path=("Thema",), text=words(600)),),
        faq_question="Vraag?", faq_answer=words(600),
    )  # fmt: skip
    [chunk] = Chunker().chunk_document(entry)
    assert chunk.chunk_id == "faq/a.yaml#a-1::0"
    assert chunk.text.startswith("Vraag?\n\n")


def test_chunk_carries_document_metadata() -> None:
    document = Document(
        doc_id="p.md", title="T", doc_type="fiche", url="https://example.org", tags=("a",),
        sections=(Section(heading_path=(), text=words(130)),),
    )  # fmt: skip
    [chunk] = Chunker().chunk_document(document)
    assert (chunk.chunk_id, chunk.title, chunk.section, chunk.url, chunk.tags) == (
        "p.md::body",
        "T",
        "",
        "https://example.org",
        ("a",),
    )
    assert chunk.content_hash and chunk.faq_question is None


def test_slug_path() -> None:
    assert slug_path(("Het wettelijk kader van de LIVC R", "2. De wet van 30 juli 2018")) == (
        "het-wettelijk-kader-van-de-livc-r/2-de-wet-van-30-juli-2018"
    )
    assert slug_path(("Complottheorieën & één tabel",)) == "complottheorieen-een-tabel"
    assert slug_path(("???",)) == "section"
    assert slug_path(()) == "body"


@pytest.mark.parametrize(
    "kwargs",
    [{"min_words": 0}, {"min_words": 300, "max_words": 200}, {"overlap_words": -1}, {"overlap_words": 200}],
)
def test_bad_sizes_are_refused(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        Chunker(**kwargs)
