"""Telegram's HTML parse mode, checked the way the Bot API checks it.

Why: a bot that forgets ``html.escape`` passes every test written with tame text and fails in
production on the first question that contains ``<`` or ``&``. The fake therefore parses
``parse_mode=HTML`` text like Telegram's server (tdlib ``parse_html``) does and answers with
Telegram's own error wording, so the bot's tests see the same ``BadRequest`` production would.

One deliberate difference: Telegram keeps a bare ``&`` that starts no entity as a literal
character; with ``strict_ampersand`` (the default) the fake rejects it, because text that
contains an unescaped ``&`` almost always comes from an unescaped source that will also
contain ``<`` some day.
"""

from __future__ import annotations

import re

ALLOWED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-spoiler",
        "span",
    }
)
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024

_ENTITY = re.compile(r"&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,10})|([a-zA-Z][a-zA-Z0-9]{0,31}));")
_VALUELESS_ATTRIBUTES = {("blockquote", "expandable")}


class EntityParseError(ValueError):
    """The text is not well-formed Telegram HTML; the message uses Telegram's wording."""


def html_to_text(text: str, *, strict_ampersand: bool = True) -> str:
    """Return the plain text Telegram would show for ``text``, or raise ``EntityParseError``."""
    parts: list[str] = []
    open_tags: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "&":
            decoded, i = _decode_entity(text, i, strict_ampersand)
            parts.append(decoded)
        elif char != "<":
            parts.append(char)
            i += 1
        elif text.startswith("</", i):
            i = _close_tag(text, i, open_tags)
        else:
            i = _open_tag(text, i, open_tags)
    if open_tags:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{open_tags[-1]}"')
    return "".join(parts)


def _byte_offset(text: str, index: int) -> int:
    """Telegram reports positions in UTF-8 bytes, not characters."""
    return len(text[:index].encode("utf-8"))


def _decode_entity(text: str, start: int, strict: bool) -> tuple[str, int]:
    """Decode the entity at ``start``; Telegram knows numeric ones and only four names."""
    match = _ENTITY.match(text, start)
    if match:
        hex_code, dec_code, name = match.groups()
        code = int(hex_code, 16) if hex_code else int(dec_code) if dec_code else None
        if code is not None and 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
            return chr(code), match.end()
        if name is not None and name in NAMED_ENTITIES:
            return NAMED_ENTITIES[name], match.end()
    if strict:
        raise EntityParseError(f"Unsupported HTML entity at byte offset {_byte_offset(text, start)}")
    return "&", start + 1


def _skip_spaces(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _open_tag(text: str, start: int, open_tags: list[str]) -> int:
    """Parse ``<name attr="value" ...>`` at ``start``; return the index after ``>``."""
    offset = _byte_offset(text, start)
    i = start + 1
    while i < len(text) and not text[i].isspace() and text[i] != ">":
        i += 1
    if i >= len(text):
        raise EntityParseError(f"Unclosed start tag at byte offset {offset}")
    name = text[start + 1 : i].lower()
    if name not in ALLOWED_TAGS:
        raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {offset}')
    attributes, i = _attributes(text, i, name, offset)
    if name == "span" and attributes.get("class") != "tg-spoiler":
        raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {offset}')
    open_tags.append(name)
    return i + 1


def _attributes(text: str, i: int, tag: str, offset: int) -> tuple[dict[str, str], int]:
    """Read attributes up to the closing ``>``; return them and the index of ``>``."""
    attributes: dict[str, str] = {}
    while True:
        i = _skip_spaces(text, i)
        if i >= len(text):
            raise EntityParseError(f"Unclosed start tag at byte offset {offset}")
        if text[i] == ">":
            return attributes, i
        begin = i
        while i < len(text) and not text[i].isspace() and text[i] not in "=>":
            i += 1
        attribute = text[begin:i].lower()
        i = _skip_spaces(text, i)
        if i < len(text) and text[i] != "=" and (tag, attribute) in _VALUELESS_ATTRIBUTES:
            attributes[attribute] = ""
            continue
        if i >= len(text) or text[i] != "=":
            raise EntityParseError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" at byte offset {offset}'
            )
        value, i = _attribute_value(text, _skip_spaces(text, i + 1), offset)
        attributes[attribute] = value


def _attribute_value(text: str, i: int, offset: int) -> tuple[str, int]:
    """Read a quoted or bare attribute value starting at ``i``."""
    if i < len(text) and text[i] in "\"'":
        end = text.find(text[i], i + 1)
        if end < 0:
            raise EntityParseError(f"Unclosed start tag at byte offset {offset}")
        return text[i + 1 : end], end + 1
    begin = i
    while i < len(text) and not text[i].isspace() and text[i] != ">":
        i += 1
    return text[begin:i], i


def _close_tag(text: str, start: int, open_tags: list[str]) -> int:
    """Parse ``</name>`` at ``start``, which must close the innermost open tag."""
    offset = _byte_offset(text, start)
    if not open_tags:
        raise EntityParseError(f"Unexpected end tag at byte offset {offset}")
    i = start + 2
    while i < len(text) and not text[i].isspace() and text[i] != ">":
        i += 1
    name = text[start + 2 : i].lower()
    i = _skip_spaces(text, i)
    if i >= len(text) or text[i] != ">":
        raise EntityParseError(f"Unclosed end tag at byte offset {offset}")
    expected = open_tags.pop()
    if name and name != expected:
        raise EntityParseError(
            f'Unmatched end tag at byte offset {offset}, expected "</{expected}>", found "</{name}>"'
        )
    return i + 1
