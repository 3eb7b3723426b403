"""Fixtures for the fake Bot API's own tests."""

from tests.support.fakes.ptb import fake_bot, fake_bot_api

__all__ = ["fake_bot", "fake_bot_api"]
