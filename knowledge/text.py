"""Small pure text helpers shared by the loaders and the chunker.

They live in one place so that every format normalises whitespace, dates and tags the
same way: a chunk from a PDF and one from Markdown should look alike to the index.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime

import yaml

from knowledge.errors import LoaderError

_BLANK_RUN = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_INLINE_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_MAX_SLUG = 60


def decode_text(data: bytes) -> str:
    """Decode a text file as UTF-8 (a BOM is allowed), failing with a reason an operator can act on."""
    if not data.strip():
        raise LoaderError("empty file")
    if b"\x00" in data[:8192]:
        raise LoaderError("binary data, not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoaderError(f"not UTF-8 text (bad byte at offset {exc.start}); save the file as UTF-8") from exc


def clean_line(line: str) -> str:
    """Collapse runs of spaces (including no-break and thin spaces) and drop invisible characters."""
    return _INLINE_SPACE.sub(" ", line.translate(_INVISIBLE)).strip()


def tidy_block(text: str) -> str:
    """Normalise a block of text: clean each line, keep single line breaks, collapse blank runs to one."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [clean_line(line) for line in text.split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()


def word_count(text: str) -> int:
    """Whitespace-separated words: the unit chunk sizes are measured in (cheap, language-neutral)."""
    return len(text.split())


def slugify(text: str) -> str:
    """ASCII slug for chunk ids: accents folded, lower case, dashes; never empty, at most 60 characters."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_JUNK.sub("-", folded.lower()).strip("-")
    if len(slug) > _MAX_SLUG:
        cut = slug[:_MAX_SLUG]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug or "section"


def parse_date(value: object, field: str) -> date | None:
    """A date from YAML or metadata: a date, a datetime or an ISO string; ``None`` when absent.

    Raises ValueError naming the field and the value, so loaders can turn it into a LoaderError.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            pass
    raise ValueError(f"invalid date in {field!r}: {value!r} (expected YYYY-MM-DD)")


def parse_tags(value: object, field: str = "tags") -> tuple[str, ...]:
    """Tags from a YAML list or a comma/semicolon separated string, stripped, empty ones dropped."""
    if value is None:
        return ()
    items: Iterable[object]
    if isinstance(value, str):
        items = re.split(r"[,;]", value)
    elif isinstance(value, list | tuple):
        items = value
    else:
        raise ValueError(f"invalid {field!r}: expected a list, got {type(value).__name__}")
    return tuple(tag for tag in (str(item).strip() for item in items if item is not None) if tag)


def safe_yaml(text: str, what: str = "YAML") -> object:
    """``yaml.safe_load`` with every failure as a one-line LoaderError.

    PyYAML raises ValueError, not YAMLError, for an impossible date such as 2024-13-45.
    """
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LoaderError(yaml_error_reason(exc, what)) from exc
    except ValueError as exc:
        raise LoaderError(f"invalid {what}: {exc}") from exc


def yaml_error_reason(exc: yaml.YAMLError, what: str = "YAML") -> str:
    """A one-line reason for a YAML error: the problem and where, without PyYAML's multi-line dump."""
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem:
        where = ""
        if exc.problem_mark is not None:
            where = f" (line {exc.problem_mark.line + 1}, column {exc.problem_mark.column + 1})"
        return f"invalid {what}: {exc.problem}{where}"
    return f"invalid {what}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"


def stem_title(doc_id: str) -> str:
    """Last-resort title from a file name: ``sjabloon-agenda-livcr.md`` -> ``sjabloon agenda livcr``."""
    name = doc_id.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return re.sub(r"[-_]+", " ", stem).strip() or name
