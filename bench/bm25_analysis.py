"""Does another Dutch analysis make BM25 (and the hybrid) better on dev AND PolicyQA?

    .venv/bin/python -m bench.bm25_analysis [--data-dir var/bench]

Each variant swaps the analyser ``index.bm25`` uses (documents and queries alike), rebuilds
the BM25 part of both served indexes in memory (vectors unchanged) and reports BM25-alone
and hybrid (shipped default config) scores: Snowball ``dutch`` (shipped) vs ``dutch_porter``,
stop-word lists, BM25 k1/b, the title written twice (title boost), and a corpus-lexicon
compound splitter ("beginnersrijbewijs" -> + "beginner", "rijbewijs"). Change
index/text_analysis.py only for a variant that helps both sets. ~2 min once indexes exist.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH

import index.bm25 as bm25_module
from bench.common import DEFAULT_DATA_DIR, make_embedder, scores_dict, write_result
from bench.sets import PreparedSet, prepare_dev, prepare_policyqa
from index import BM25Index, FusionMode, LoadedVersion, RetrievalConfig
from index.text_analysis import _EXTRA_STOPWORDS, _stopwords, fold

Analyser = Callable[[str], list[str]]
_TOKEN = re.compile(r"\w+", re.UNICODE)
_LINKS = ("", "s", "e", "en")


def make_analyser(*, stemmer: str = "dutch", stop: frozenset[str] | None = None,
                  splitter: Callable[[str], list[str]] | None = None) -> Analyser:  # fmt: skip
    """The shipped pipeline (fold, \\w+, stop words, min length 2) with one part swapped."""
    stem = Stemmer.Stemmer(stemmer)
    stop = _stopwords() if stop is None else stop

    def analyse(text: str) -> list[str]:
        words = [w for w in _TOKEN.findall(fold(text)) if w not in stop and (len(w) > 1 or w.isdigit())]
        if splitter is not None:
            words = [part for word in words for part in splitter(word)]
        return list(stem.stemWords(words))

    return analyse


def compound_splitter(texts: list[str], *, min_part: int = 4, min_count: int = 2) -> Callable[[str], list[str]]:
    """Keep a long word and add its two parts when both are words of the corpus itself.

    The lexicon is every folded word seen ``min_count`` times in ``texts``; a split may
    drop a Dutch linking 's'/'e'/'en' ("verkeers|veiligheid"). Query words are split
    against the same lexicon, so a question's compound meets a document's parts.
    """
    counts: dict[str, int] = {}
    for text in texts:
        for word in _TOKEN.findall(fold(text)):
            counts[word] = counts.get(word, 0) + 1
    lexicon = {word for word, count in counts.items() if count >= min_count and len(word) >= min_part}

    @lru_cache(maxsize=200_000)
    def split(word: str) -> list[str]:
        if len(word) < 2 * min_part + 1:
            return [word]
        for cut in range(len(word) - min_part, min_part - 1, -1):  # longest head first
            head, tail = word[:cut], word[cut:]
            if tail not in lexicon:
                continue
            for link in _LINKS:
                if head.endswith(link) and head[: len(head) - len(link)] in lexicon:
                    return [word, head[: len(head) - len(link)], tail]
        return [word]

    return split


@contextmanager
def analysed_with(analyse: Analyser) -> Iterator[None]:
    original = bm25_module.analyse
    setattr(bm25_module, "analyse", analyse)  # noqa: B010 - swapping a module global on purpose
    try:
        yield
    finally:
        setattr(bm25_module, "analyse", original)  # noqa: B010


def rebuilt(prepared: PreparedSet, *, k1: float = 1.2, b: float = 0.75, title_boost: bool = False) -> PreparedSet:
    """The same set with its BM25 rebuilt by the analyser in force (vectors untouched)."""
    version = prepared.version
    texts = [f"{c.title}\n{c.embedding_text}" if title_boost else c.embedding_text for c in version.chunks]
    bm25 = BM25Index.build(texts, k1=k1, b=b)
    return dataclasses.replace(prepared, version=LoadedVersion(version.manifest, version.chunks, version.dense, bm25))


def variants(sets: list[PreparedSet]) -> dict[str, tuple[Analyser, dict[str, Any]]]:
    base = make_analyser()
    generic = frozenset(fold(w) for w in STOPWORDS_DUTCH)
    corpus_texts = [c.embedding_text for s in sets for c in s.version.chunks]
    return {
        "shipped (dutch, stop words)": (base, {}),
        "dutch_porter": (make_analyser(stemmer="dutch_porter"), {}),
        "no stop words": (make_analyser(stop=frozenset()), {}),
        "generic stop list only": (make_analyser(stop=generic - _EXTRA_STOPWORDS), {}),
        "k1=0.9 b=0.4": (base, {"k1": 0.9, "b": 0.4}),
        "k1=1.5 b=0.75": (base, {"k1": 1.5, "b": 0.75}),
        "k1=1.2 b=0.9": (base, {"k1": 1.2, "b": 0.9}),
        "title boost (title twice)": (base, {"title_boost": True}),
        "compound split (corpus lexicon)": (make_analyser(splitter=compound_splitter(corpus_texts)), {}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    args = parser.parse_args()
    embedder = make_embedder(args.data_dir).load()
    sets = [prepare_dev(args.data_dir, embedder), prepare_policyqa(args.data_dir, embedder)]
    hybrid = RetrievalConfig()
    lexical = dataclasses.replace(hybrid, mode=FusionMode.BM25)
    results: dict[str, Any] = {}
    for name, (analyse, options) in variants(sets).items():
        row: dict[str, Any] = {}
        with analysed_with(analyse):
            for prepared in sets:
                variant = rebuilt(prepared, **options)
                row[f"{prepared.name}_bm25"] = scores_dict(variant.scores(lexical))
                row[f"{prepared.name}_hybrid"] = scores_dict(variant.scores(hybrid))
        results[name] = row
        print(f"{name:34s} " + " | ".join(
            f"{key}: {v['recall@1']:.3f} {v['recall@5']:.3f} {v['mrr@10']:.3f}" for key, v in row.items()))  # fmt: skip
    write_result("bm25_analysis", {"hybrid_config": str(hybrid), "variants": results})


if __name__ == "__main__":
    main()
