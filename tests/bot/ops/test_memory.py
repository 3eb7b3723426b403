"""The reindex pins glibc's mmap threshold, so large freed buffers leave the process."""

from __future__ import annotations

import pytest

from bot.ops import release_large_buffers


def test_threshold_is_set_on_glibc() -> None:
    assert release_large_buffers() is True


def test_a_threshold_below_one_byte_is_refused() -> None:
    with pytest.raises(ValueError, match="threshold"):
        release_large_buffers(0)
