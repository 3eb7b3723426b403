"""Signed session cookies and CSRF tokens.

The cookie holds the account id, a CSRF token, when it was issued and a fingerprint of the
account's password hash, signed with
itsdangerous (HMAC-SHA1 over the JSON, with a salt of our own) under a key from the settings
or the data directory. It is HttpOnly and SameSite=Lax, and Secure when the request came in
over https. Every request re-reads the account: a removed account, or a session whose
fingerprint no longer matches (the password changed since), is no session at all. Forms carry
the CSRF token in the field ``csrf_token`` (htmx requests may send it as the ``X-CSRF-Token`` header instead).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

COOKIE = "vraagbaak_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
MAX_AGE = 12 * 3600  # a working day; then log in again
SALT = "vraagbaak-workspace-session"


@dataclass(frozen=True, slots=True)
class Session:
    """What the cookie says: an account (or ``None`` before login), a CSRF token, when issued,
    and the fingerprint of the account's password hash at login."""

    account_id: int | None
    csrf: str
    issued: float
    fingerprint: str = ""


class SessionSigner:
    """Reads and writes the session cookie."""

    def __init__(self, secret: str) -> None:
        if len(secret) < 32:
            raise ValueError("the workspace secret must have at least 32 characters")
        self._serializer = URLSafeTimedSerializer(secret, salt=SALT)

    def read(self, request: Request) -> Session | None:
        """The request's valid session, if any."""
        raw = request.cookies.get(COOKIE)
        if not raw:
            return None
        try:
            data = self._serializer.loads(raw, max_age=MAX_AGE)
            return Session(data.get("a"), str(data["c"]), float(data["t"]), str(data.get("k", "")))
        except (BadSignature, KeyError, TypeError, ValueError, AttributeError):
            return None

    def write(self, request: Request, response: Response, session: Session) -> None:
        """Set the cookie on ``response``."""
        value = self._serializer.dumps(
            {"a": session.account_id, "c": session.csrf, "t": session.issued, "k": session.fingerprint}
        )
        response.set_cookie(COOKIE, value, max_age=MAX_AGE, httponly=True, samesite="lax",
                            secure=request.url.scheme == "https", path="/")  # fmt: skip

    @staticmethod
    def clear(response: Response) -> None:
        response.delete_cookie(COOKIE, path="/")


def new_session(account_id: int | None, password_hash: str = "") -> Session:
    """A fresh session with a new CSRF token."""
    return Session(account_id, secrets.token_urlsafe(32), time.time(), fingerprint(password_hash))


def fingerprint(password_hash: str) -> str:
    """A short digest of the password hash: changes with the password, reveals nothing of it."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16] if password_hash else ""


def csrf_ok(session: Session | None, submitted: str | None) -> bool:
    """Whether the submitted token is the session's (compared in constant time)."""
    return bool(session and submitted and hmac.compare_digest(session.csrf, submitted))


def load_secret(configured: str | None, data_dir: Path) -> str:
    """The signing key: the configured one, else a random key kept in ``<data_dir>/web-secret``."""
    if configured:
        return configured
    path = data_dir / "web-secret"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    path.touch(mode=0o600)
    path.write_text(secret, encoding="utf-8")
    return secret
