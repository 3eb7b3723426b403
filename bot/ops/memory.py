"""Process memory: give large freed buffers back to the operating system (glibc malloc).

Why: a reindex allocates and frees hundreds of MB of activation buffers, one batch after
another. glibc's default raises its mmap threshold to the size of the largest buffer freed so
far (up to 32 MB), after which such buffers come from the heap and their pages stay resident
when freed: the build of the shipped corpus peaked at 1.37 GB. With the threshold pinned at
1 MiB every large buffer is a mapping that ``free`` unmaps, and the same build peaks near
1.1 GB (BENCHMARKS.md, "First start"). This is what ``MALLOC_MMAP_THRESHOLD_=1048576`` does,
set from inside the process so neither cron nor the Dockerfile needs the variable.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

logger = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # <malloc.h>; setting it also turns off glibc's dynamic adjustment
MMAP_THRESHOLD = 1 << 20


def release_large_buffers(threshold: int = MMAP_THRESHOLD) -> bool:
    """Pin glibc's mmap threshold at ``threshold`` bytes; False where malloc is not glibc's."""
    if threshold < 1:
        raise ValueError(f"threshold must be >= 1, got {threshold!r}")
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        logger.debug("No glibc mallopt here; the default malloc settings stay")
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, threshold))
