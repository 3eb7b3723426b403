"""Errors of the knowledge package.

KnowledgeError
├── KnowledgeRootError   the configured knowledge root is missing or not a folder
└── LoaderError          one source file could not be read (caught per file, reported, skipped)
"""

from __future__ import annotations


class KnowledgeError(Exception):
    """Base class for every error the knowledge package raises on purpose."""


class KnowledgeRootError(KnowledgeError):
    """The knowledge root cannot be used at all, so there is nothing to index."""


class LoaderError(KnowledgeError):
    """A single file is unreadable; the caller records it as a LoadFailure and moves on."""
