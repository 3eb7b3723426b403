"""PolicyQA (Dutch government FAQ) as a foreign knowledge folder: one plain-text file per passage.

    .venv/bin/python -m bench.policyqa --out /tmp/policyqa-knowledge

Measures nothing itself: it writes the 500 passages of ../shared/bench-data/policyqa
(train 400 + test 100) as ``<item-id>.txt`` files, exactly as given (lowercased by the
dataset's author), and returns the 500 questions with the doc id of their passage. The
doc id of a file is its name, as for any file at a knowledge root (DESIGN.md).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.common import SHARED, Question

POLICYQA = SHARED / "bench-data" / "policyqa"
SPLITS = ("train", "test")


def read_items(folder: Path = POLICYQA) -> list[tuple[str, str, str]]:
    """(item id, question, passage) for every question of both splits, in file order."""
    items = []
    for split in SPLITS:
        data = json.loads((folder / f"policyqa-{split}.json").read_text(encoding="utf-8"))["data"]
        for article in data:
            for paragraph in article["paragraphs"]:
                for qa in paragraph["qas"]:
                    items.append((str(article["title"]), str(qa["question"]), str(paragraph["context"])))
    return items


def write_documents(target: Path, folder: Path = POLICYQA) -> list[Question]:
    """Write one ``.txt`` per distinct passage under ``target``; the questions with their expected doc id.

    Files are rewritten only when their text differs, so an index over ``target`` stays unchanged.
    """
    target.mkdir(parents=True, exist_ok=True)
    doc_of_passage: dict[str, str] = {}
    questions = []
    for item_id, question, passage in read_items(folder):
        doc_id = doc_of_passage.setdefault(passage, f"{item_id}.txt")
        path = target / doc_id
        if not path.exists() or path.read_text(encoding="utf-8") != passage:
            path.write_text(passage, encoding="utf-8")
        questions.append(Question(f"policyqa-{item_id}", question, (doc_id,)))
    return questions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("var/bench/policyqa-knowledge"))
    args = parser.parse_args()
    questions = write_documents(args.out)
    print(f"{len(questions)} questions, {len(list(args.out.glob('*.txt')))} documents in {args.out}")


if __name__ == "__main__":
    main()
