"""Errors of the operations package (logging, metrics, readiness).

OpsError
└── BadLogLevel   ``log_level`` names no logging level
"""

from __future__ import annotations


class OpsError(Exception):
    """Base class for every error ``bot.ops`` raises on purpose."""


class BadLogLevel(OpsError, ValueError):
    """The configured log level is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL."""
