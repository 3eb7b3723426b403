"""Staff accounts: argon2 password hashes, roles, and a login throttle.

Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106 low-memory profile);
a login against an unknown address still runs one hash verification, so the response time
does not tell which addresses have an account.
"""

from __future__ import annotations

import enum
import logging
import time
from collections import deque
from collections.abc import Callable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.storage import ConstraintViolation, NotFound, Storage
from bot.storage.accounts import StaffAccountRecord, StaffAccountRepository
from bot.workspace.errors import AccountExists, AccountNotFound, InvalidAccount, LoginRefused, LoginThrottled

logger = logging.getLogger(__name__)

MIN_PASSWORD = 10
MAX_PASSWORD = 512


class Role(enum.StrEnum):
    """``staff`` answer tickets and read reports; ``admin`` also approve FAQ and keep canned replies."""

    STAFF = "staff"
    ADMIN = "admin"


class LoginThrottle:
    """At most ``limit`` failed logins per key (address, client) in ``window`` seconds.

    Kept in memory: one workspace process per deployment, and a restart forgets only the
    last few minutes of failures.
    """

    def __init__(self, limit: int = 5, window: float = 300.0, clock: Callable[[], float] = time.monotonic) -> None:
        if limit < 1 or window <= 0:
            raise ValueError(f"limit must be >= 1 and window > 0, got {limit!r}, {window!r}")
        self._limit, self._window, self._clock = limit, window, clock
        self._failures: dict[str, deque[float]] = {}

    def check(self, *keys: str) -> None:
        """Raise ``LoginThrottled`` when any key has used up its failures."""
        now = self._clock()
        for key in keys:
            failures = self._recent(key, now)
            if len(failures) >= self._limit:
                raise LoginThrottled(failures[0] + self._window - now)

    def failed(self, *keys: str) -> None:
        """Count one failure for each key."""
        now = self._clock()
        for key in keys:
            self._recent(key, now).append(now)

    def succeeded(self, key: str) -> None:
        """A good login clears the address's failures."""
        self._failures.pop(key, None)

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(key, deque())
        while failures and failures[0] <= now - self._window:
            failures.popleft()
        return failures


class Accounts:
    """Add, list, remove, re-password and authenticate staff accounts."""

    def __init__(
        self, storage: Storage, *, hasher: PasswordHasher | None = None, throttle: LoginThrottle | None = None
    ):
        self._repo = StaffAccountRepository(storage.database)
        self._audit = storage.audit
        self._hasher = hasher or PasswordHasher()
        self._throttle = throttle or LoginThrottle()
        self._dummy = self._hasher.hash("not a password of anyone")

    def add(self, email: str, name: str, password: str, role: Role = Role.STAFF) -> StaffAccountRecord:
        """A new account (the password is hashed here and nowhere kept in clear)."""
        address, shown = _address(email), name.strip()
        if not shown:
            raise InvalidAccount("the name is empty")
        try:
            account = self._repo.add(address, shown, self._hash(password), Role(role).value)
        except ConstraintViolation as exc:
            raise AccountExists(f"a staff account for {address} exists already") from exc
        self._audit.record(None, shown, "staff.added", None, {"account": account.id, "role": account.role})
        return account

    def list(self) -> list[StaffAccountRecord]:
        """Active accounts."""
        return self._repo.list_active()

    def get(self, account_id: int) -> StaffAccountRecord | None:
        """An active account by id (a removed one is ``None``)."""
        account = self._repo.get(account_id)
        return account if account is not None and account.active else None

    def remove(self, email: str) -> StaffAccountRecord:
        """Take access away; open sessions of the account stop working at their next request."""
        try:
            account = self._repo.deactivate(_address(email))
        except NotFound as exc:
            raise AccountNotFound(f"no staff account for {_address(email)}") from exc
        self._audit.record(None, account.name, "staff.removed", None, {"account": account.id})
        return account

    def set_password(self, email: str, password: str) -> StaffAccountRecord:
        """A new password; sessions made before it stop working."""
        try:
            account = self._repo.set_password_hash(_address(email), self._hash(password))
        except NotFound as exc:
            raise AccountNotFound(f"no staff account for {_address(email)}") from exc
        self._audit.record(None, account.name, "staff.password_changed", None, {"account": account.id})
        return account

    def authenticate(self, email: str, password: str, client: str = "-") -> StaffAccountRecord:
        """The account for a good address and password; ``LoginRefused`` or ``LoginThrottled`` otherwise."""
        address = _address(email)
        self._throttle.check(f"email:{address}", f"client:{client}")
        account = self._repo.by_email(address)
        good = self._verify(account.password_hash if account else self._dummy, password)
        if account is None or not good:
            self._throttle.failed(f"email:{address}", f"client:{client}")
            logger.info("Workspace login refused (client %s)", client)
            raise LoginRefused("wrong e-mail address or password")
        self._throttle.succeeded(f"email:{address}")
        self._audit.record(None, account.name, "staff.login", None, {"account": account.id})
        return account

    def logged_out(self, account_id: int) -> None:
        """Note a logout in the audit trail."""
        account = self.get(account_id)
        if account is not None:
            self._audit.record(None, account.name, "staff.logout", None, {"account": account.id})

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def _hash(self, password: str) -> str:
        if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
            raise InvalidAccount(f"the password must have {MIN_PASSWORD} to {MAX_PASSWORD} characters")
        return self._hasher.hash(password)


def _address(email: str) -> str:
    address = email.strip().lower()
    if "@" not in address or len(address) > 255:
        raise AccountNotFound(f"not an e-mail address: {email.strip()!r}")
    return address
