"""Errors of the index package.

VraagbaakIndexError
├── ModelLoadError       the embedding model cannot be built or loaded
├── NoIndexError         nothing is published yet in the data directory
├── CorruptIndexError    a version's files are missing or do not match its manifest
├── IndexLockedError     another process is building an index right now
├── UnknownVersionError  rollback to a version that is not kept
└── ModelMismatchError   rollback to a version built with another embedding model
"""

from __future__ import annotations


class VraagbaakIndexError(Exception):
    """Base class for every error the index package raises on purpose."""


class ModelLoadError(VraagbaakIndexError):
    """The embedding model could not be converted or loaded."""


class NoIndexError(VraagbaakIndexError):
    """No version has been published yet, so there is nothing to search."""


class CorruptIndexError(VraagbaakIndexError):
    """A version on disk is incomplete or inconsistent; it is never served."""


class IndexLockedError(VraagbaakIndexError):
    """Another build holds the lock; a second one would only waste the machine."""


class UnknownVersionError(VraagbaakIndexError):
    """The requested version is not (or no longer) kept on disk."""


class ModelMismatchError(VraagbaakIndexError):
    """A kept version was built with another embedding model than the configured one."""
