"""The small files that make a Hugging Face BERT folder a sentence-transformers model folder.

Why write them ourselves: building a ``SentenceTransformer`` just to ``save()`` it loads all
weights into torch and serialises them again (hundreds of MB, twice). The files are small and
their content is what sentence-transformers itself writes: the module list (class paths taken
from the installed package, so they match its version), the prompts, mean pooling and
normalisation (written by those weightless modules' own ``save``).
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}
# The Transformer module's own config, as sentence-transformers 6 writes it for a feature extractor.
TRANSFORMER_CONFIG = {
    "transformer_task": "feature-extraction",
    "modality_config": {"text": {"method": "forward", "method_output_name": "last_hidden_state"}},
    "module_output_name": "token_embeddings",
}


def write_sentence_transformers_files(folder: Path, dimension: int) -> None:
    """Add modules.json, the prompts and the pooling + normalisation modules to a BERT folder."""
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    modules = [(Transformer, ""), (Pooling, "1_Pooling"), (Normalize, "2_Normalize")]
    listing = [
        {"idx": idx, "name": str(idx), "path": path, "type": f"{cls.__module__}.{cls.__name__}"}
        for idx, (cls, path) in enumerate(modules)
    ]
    _write_json(folder / "modules.json", listing)
    _write_json(folder / "sentence_bert_config.json", TRANSFORMER_CONFIG)
    _write_json(folder / "config_sentence_transformers.json", {
        "__version__": {name: metadata.version(package) for name, package in (
            ("sentence_transformers", "sentence-transformers"), ("transformers", "transformers"),
            ("pytorch", "torch"))},
        "default_prompt_name": None, "model_type": "SentenceTransformer", "prompts": PROMPTS,
        "similarity_fn_name": "cosine",
    })  # fmt: skip
    for module, path in ((Pooling(dimension, pooling_mode="mean"), "1_Pooling"), (Normalize(), "2_Normalize")):
        (folder / path).mkdir(exist_ok=True)
        module.save(str(folder / path))


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, indent=2, sort_keys=True) + "\n", encoding="utf-8")
