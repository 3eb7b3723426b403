"""Staff accounts and the login throttle, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from bot.storage import Storage
from bot.workspace import (
    AccountExists,
    AccountNotFound,
    InvalidAccount,
    LoginRefused,
    LoginThrottle,
    LoginThrottled,
    Role,
)
from tests.support.workspace import PASSWORD, fast_accounts


def test_add_authenticate_list_remove(storage: Storage) -> None:
    accounts = fast_accounts(storage)
    added = accounts.add("Sara@VVSG.be", "Sara Peeters", PASSWORD, Role.ADMIN)
    assert added.email == "sara@vvsg.be" and added.role == "admin" and PASSWORD not in added.password_hash
    assert added.password_hash.startswith("$argon2id$")
    assert accounts.authenticate(" sara@vvsg.be ", PASSWORD).id == added.id
    with pytest.raises(LoginRefused):
        accounts.authenticate("sara@vvsg.be", "wrong password")
    with pytest.raises(LoginRefused):
        accounts.authenticate("nobody@vvsg.be", PASSWORD)
    with pytest.raises(AccountExists):
        accounts.add("sara@vvsg.be", "Sara", PASSWORD)
    assert [a.email for a in accounts.list()] == ["sara@vvsg.be"]
    accounts.remove("sara@vvsg.be")
    assert accounts.list() == [] and accounts.get(added.id) is None
    with pytest.raises(LoginRefused):
        accounts.authenticate("sara@vvsg.be", PASSWORD)
    with pytest.raises(AccountNotFound):
        accounts.remove("sara@vvsg.be")
    again = accounts.add("sara@vvsg.be", "Sara P.", "another password")
    assert again.id == added.id and again.role == "staff"  # the same row, back to life
    actions = [entry.action for entry in storage.audit.recent()]
    assert {"staff.added", "staff.login", "staff.removed"} <= set(actions)


def test_password_rules_and_change(storage: Storage) -> None:
    accounts = fast_accounts(storage)
    with pytest.raises(InvalidAccount):
        accounts.add("tom@vvsg.be", "Tom", "short")
    with pytest.raises(InvalidAccount):
        accounts.add("tom@vvsg.be", "  ", PASSWORD)
    accounts.add("tom@vvsg.be", "Tom", PASSWORD)
    accounts.set_password("tom@vvsg.be", "a brand new password")
    with pytest.raises(LoginRefused):
        accounts.authenticate("tom@vvsg.be", PASSWORD)
    assert accounts.authenticate("tom@vvsg.be", "a brand new password").name == "Tom"


def test_throttle_counts_failures_per_key_within_the_window() -> None:
    now = [0.0]
    throttle = LoginThrottle(limit=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        throttle.check("email:a", "client:1")
        throttle.failed("email:a", "client:1")
    with pytest.raises(LoginThrottled) as refused:
        throttle.check("email:a")
    assert 0 < refused.value.retry_after <= 60
    with pytest.raises(LoginThrottled):
        throttle.check("email:b", "client:1")  # the same client trying another address
    throttle.check("email:b", "client:2")
    now[0] = 61
    throttle.check("email:a", "client:1")
    with pytest.raises(ValueError):
        LoginThrottle(limit=0)
