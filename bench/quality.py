"""Retrieval quality on the dev set and PolicyQA, ours beside the baselines, all in one run.

    .venv/bin/python -m bench.quality [--data-dir var/bench] [--no-langchain] [--langchain-plain]

Per set: recall@1, recall@5 and MRR@10 (DESIGN.md: a question is retrieved at k when an
expected doc id is among the doc ids of the top k sources) for BM25 alone, dense alone,
weighted and RRF fusion at their tuned settings, the shipped default (``RetrievalConfig()``),
and the LangChain default pipeline (bench/langchain_baseline.py). On dev also decision
accuracy over all 100 questions through the full ``Assistant.ask``, whose sources must
rank exactly as the default row (checked). First run: ~10 min (PolicyQA and the LangChain
baseline are embedded once, then cached under the data dir); later runs ~2 min.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from bench.common import DEFAULT_DATA_DIR, evaluate, load_dev, make_embedder, scores_dict, write_result
from bench.langchain_baseline import LangChainBaseline
from bench.sets import PreparedSet, prepare_dev, prepare_policyqa
from bot.answer.assistant import Assistant
from bot.answer.decision import Decider
from index import FusionMode, RetrievalConfig


def variants() -> dict[str, RetrievalConfig]:
    """Our rows: each single signal, each fusion at its tuned values, and the shipped default."""
    default = RetrievalConfig()
    return {
        "bm25": dataclasses.replace(default, mode=FusionMode.BM25),
        "dense": dataclasses.replace(default, mode=FusionMode.DENSE),
        "weighted": dataclasses.replace(default, mode=FusionMode.WEIGHTED),
        "rrf": dataclasses.replace(default, mode=FusionMode.RRF),
        "default": default,
    }


def decision_accuracy(prepared: PreparedSet, config: RetrievalConfig) -> dict[str, Any]:
    """Decision accuracy over every dev question through the full Assistant, and its retrieval scores."""
    prepared.retriever.config = config
    assistant = Assistant(prepared.retriever, Decider())
    questions = load_dev()
    rankings, wrong = [], []
    for question in questions:
        result = assistant.ask(question.question, k=10)
        if question.decision == "answer":
            rankings.append([source.doc_id for source in result.sources])
        if result.decision.value != question.decision:
            wrong.append(f"{question.id}: expected {question.decision} ({result.confidence:.2f}, {result.reason})")
    answerable = [q for q in questions if q.decision == "answer"]
    return {"decision_accuracy": round(1 - len(wrong) / len(questions), 4), "questions": len(questions),
            "wrong": wrong, "assistant_retrieval": scores_dict(evaluate(rankings, answerable)),
            "assistant_rankings": rankings}  # fmt: skip


def langchain_rows(prepared: PreparedSet, model_dir: Path, data_dir: Path, *, plain: bool) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    for prefixes in (True, False) if plain else (True,):
        baseline = LangChainBaseline(model_dir, prefixes=prefixes, cache_dir=data_dir / "langchain-cache")
        seconds = baseline.build(prepared.knowledge_dir)
        rankings = [baseline.search(q.question, k=10) for q in prepared.questions]
        name = "langchain_default" if prefixes else "langchain_no_prefixes"
        rows[name] = {**scores_dict(evaluate(rankings, prepared.questions)), "chunks": baseline.chunks,
                      "build_seconds_cached": round(seconds, 1)}  # fmt: skip
        print(f"  {name:22s} {rows[name]}")
    return rows


def run_set(prepared: PreparedSet, model_dir: Path | None, data_dir: Path, *, plain: bool) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    for name, config in variants().items():
        rows[name] = scores_dict(prepared.scores(config))
        print(f"  {name:22s} {rows[name]}")
    if model_dir is not None:
        rows.update(langchain_rows(prepared, model_dir, data_dir, plain=plain))
    return {"rows": rows, "configs": {name: _config_dict(c) for name, c in variants().items()},
            "chunks": len(prepared.version.chunks)}  # fmt: skip


def _config_dict(config: RetrievalConfig) -> dict[str, Any]:
    values = dataclasses.asdict(config)
    return {key: str(value) if isinstance(value, FusionMode) else value for key, value in values.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--no-langchain", action="store_true", help="skip the LangChain baseline")
    parser.add_argument("--langchain-plain", action="store_true", help="also the baseline without e5 prefixes")
    args = parser.parse_args()
    embedder = make_embedder(args.data_dir).load()
    results: dict[str, Any] = {"query_backend": embedder.query_backend}
    model_dir = None if args.no_langchain else Path(embedder.model_path)
    dev = prepare_dev(args.data_dir, embedder)
    results["dev"] = run_set(dev, model_dir, args.data_dir, plain=args.langchain_plain)
    decisions = decision_accuracy(dev, RetrievalConfig())
    if decisions.pop("assistant_rankings") != dev.rankings(RetrievalConfig()):
        raise SystemExit("Assistant sources differ from the default config's rankings: the bench is not the product")
    results["dev"]["decision"] = decisions
    print(f"  decision accuracy {decisions['decision_accuracy']:.2f}; wrong: {decisions['wrong']}")
    policyqa = prepare_policyqa(args.data_dir, embedder)
    results["policyqa"] = run_set(policyqa, model_dir, args.data_dir, plain=args.langchain_plain)
    write_result("quality", results)


if __name__ == "__main__":
    main()
