"""Logging for operators: timestamps, a level, JSON lines, and library noise kept out."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.ops import BadLogLevel, parse_level, setup_logging


@pytest.fixture(autouse=True)
def _restore_root() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_text_lines_carry_a_timestamp_level_and_logger() -> None:
    stream = io.StringIO()
    setup_logging("INFO", stream=stream)
    logging.getLogger("bot.telegram.app").info("Vraagbaak ready as @%s", "vraagbaak_bot")
    logging.getLogger("bot.telegram.app").debug("not shown at INFO")
    line = stream.getvalue().strip()
    assert "\n" not in line
    date, time_, level, name, *_ = line.split()
    assert len(date) == 10 and date[4] == "-" and ":" in time_
    assert (level, name) == ("INFO", "bot.telegram.app:")
    assert line.endswith("Vraagbaak ready as @vraagbaak_bot")


def test_json_lines_are_one_object_each() -> None:
    stream = io.StringIO()
    setup_logging("info", json_lines=True, stream=stream)
    logging.getLogger("bot.queue").warning("Ticket %s created", 7)
    record = json.loads(stream.getvalue())
    assert record["message"] == "Ticket 7 created"
    assert (record["level"], record["logger"]) == ("WARNING", "bot.queue")
    assert record["time"]


def test_library_noise_is_dropped_even_when_the_library_raises_its_own_level() -> None:
    stream = io.StringIO()
    setup_logging("DEBUG", stream=stream)
    bm25s = logging.getLogger("bm25s")
    bm25s.setLevel(logging.DEBUG)  # what bm25s does when it is imported
    bm25s.debug("Building index from tokens")
    logging.getLogger("httpx").info("HTTP Request: POST https://api.telegram.org/bot123:SECRET/getMe")
    logging.getLogger("bm25s").warning("a real problem")
    logging.getLogger("bot.index").debug("our own debug line")
    out = stream.getvalue()
    assert "Building index" not in out and "SECRET" not in out
    assert "a real problem" in out and "our own debug line" in out


def test_setup_twice_keeps_one_handler() -> None:
    stream = io.StringIO()
    setup_logging("INFO", stream=stream)
    setup_logging("WARNING", stream=stream)
    logging.getLogger("bot").warning("once")
    assert stream.getvalue().count("once") == 1


def test_a_bad_level_names_the_value() -> None:
    assert parse_level("warning") == logging.WARNING
    with pytest.raises(BadLogLevel, match="LOUD"):
        parse_level("LOUD")
