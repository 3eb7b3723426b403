"""/privacy: the key points of the shipped privacy statement, read from the corpus once.

The statement (``publicaties/privacyverklaring-helpdeskbot.md``) is what VVSG publishes; the
bot shows its rules and rights, so the summary changes with the statement. The retention
periods are generated from the retention settings (``bot.settings.Retention``), the ones the
purge job applies, so what /privacy promises is what the code does. When the file is missing
or has another shape, a fixed Dutch text is shown instead (with the same retention rows).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import yaml

from bot import messages
from bot.settings import Retention, shipped_corpus
from bot.telegram.render import dutch_date
from bot.text import PARAGRAPH, Unit, escape, pack

logger = logging.getLogger(__name__)

STATEMENT = Path("publicaties") / "privacyverklaring-helpdeskbot.md"
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_SECTION = re.compile(r"^## +(.+)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class PrivacySummary:
    """The statement's key points as plain text."""

    published: date | None = None
    rules: list[str] = field(default_factory=list)
    retention: list[tuple[str, str]] = field(default_factory=list)
    rights: list[str] = field(default_factory=list)
    emergency: str = ""

    @property
    def complete(self) -> bool:
        return bool(self.rules and self.rights)


def statement_path(knowledge_dir: Path) -> Path:
    """The statement in the configured knowledge root, else the one shipped with the package."""
    configured = knowledge_dir / STATEMENT
    return configured if configured.is_file() else shipped_corpus() / STATEMENT


def parse_statement(text: str) -> PrivacySummary:
    """Pull the bullets of the 'belangrijkste regel' and 'rechten' sections and the retention table."""
    published = None
    front = _FRONT_MATTER.match(text)
    if front:
        meta = yaml.safe_load(front.group(1)) or {}
        value = meta.get("published") if isinstance(meta, dict) else None
        published = value if isinstance(value, date) else None
    sections = _sections(text)
    rules = _bullets(sections.get("belangrijkste regel", ""))
    rights = _bullets(sections.get("rechten", ""))
    retention = _table(sections.get("bewaren", ""))
    emergency = next((line.strip() for line in text.splitlines() if "112" in line), "")
    return PrivacySummary(published, rules, retention, rights, _plain(emergency))


def retention_rows(retention: Retention) -> list[tuple[str, str]]:
    """(data class, how long) for each class the purge handles, in Dutch, from the settings."""
    rows = [(what, how_long.format(days=getattr(retention, field))) for field, what, how_long in
            messages.RETENTION_ROWS]  # fmt: skip
    return [*rows, messages.RETENTION_STATISTICS]


def render_summary(summary: PrivacySummary, retention: Retention | None = None) -> list[str]:
    """HTML parts for /privacy; every value from the file is escaped; retention from the settings."""
    if retention is not None:
        summary = replace(summary, retention=retention_rows(retention))
    if not summary.complete:
        fallback = [(PARAGRAPH, escape(messages.PRIVACY_FALLBACK))]
        rows = [f"{what}: {how_long}" for what, how_long in summary.retention]
        return pack(fallback + ([(PARAGRAPH, _list(messages.PRIVACY_RETENTION, rows))] if rows else []))
    units: list[Unit] = [(PARAGRAPH, f"<b>{escape(messages.PRIVACY_TITLE)}</b>")]
    if summary.published is not None:
        units.append(("\n", escape(messages.PRIVACY_VERSION.format(date=dutch_date(summary.published)))))
    units.append((PARAGRAPH, _list(messages.PRIVACY_RULES, summary.rules)))
    if summary.emergency:
        units.append((PARAGRAPH, escape(summary.emergency)))
    retention = [f"{what}: {how_long}" for what, how_long in summary.retention]
    units.append((PARAGRAPH, _list(messages.PRIVACY_RETENTION, retention)))
    units.append((PARAGRAPH, _list(messages.PRIVACY_RIGHTS, summary.rights)))
    units.append((PARAGRAPH, escape(messages.PRIVACY_MORE)))
    return pack(units)


def load_privacy_notice(knowledge_dir: Path, retention: Retention | None = None) -> list[str]:
    """Read and render the statement with ``retention``'s periods; the fixed text when unreadable."""
    path = statement_path(knowledge_dir)
    try:
        summary = parse_statement(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        logger.warning("Privacy statement %s unreadable (%s); /privacy shows the short text", path, exc)
        summary = PrivacySummary()
    return render_summary(summary, retention)


def _sections(text: str) -> dict[str, str]:
    """Section bodies keyed by a keyword of their heading."""
    keys = ("belangrijkste regel", "rechten", "bewaren")
    matches = list(_SECTION.finditer(text))
    bodies: dict[str, str] = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        heading = match.group(1).lower()
        for key in keys:
            if key in heading and key not in bodies:
                bodies[key] = text[match.end() : end]
    return bodies


def _bullets(body: str) -> list[str]:
    items = [_plain(line.strip()[2:]) for line in body.splitlines() if line.strip().startswith(("- ", "* "))]
    return [item.rstrip(".") for item in items]


def _table(body: str) -> list[tuple[str, str]]:
    rows = []
    for line in body.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 2 and not set(cells[0]) <= set("-: ") and line.strip().startswith("|"):
            rows.append((_plain(cells[0]), _plain(cells[1])))
    return rows[1:]  # the first row is the header


def _plain(text: str) -> str:
    """Markdown emphasis removed; the text is escaped later."""
    return re.sub(r"(\*\*|__)(.+?)\1", r"\2", text).strip().rstrip(";")


def _list(header: str, items: list[str]) -> str:
    lines = [f"<b>{escape(header)}</b>", *(f"• {escape(item)}" for item in items)]
    return "\n".join(lines)
