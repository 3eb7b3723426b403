"""Reading Bot API request parameters the way Telegram reads them.

Why typed decoding: PTB 22 never sends a JSON body. It posts
``application/x-www-form-urlencoded`` (``multipart/form-data`` when uploading) where every
non-string value is JSON-encoded (``chat_id=123``, ``reply_markup={"inline_keyboard":...}``,
``disable_notification=true``) and strings are sent raw. On the wire ``text=123`` and
``chat_id=123`` look the same, so, like Telegram, the fake decodes by parameter name.
JSON bodies (``Content-Type: application/json``), sent by other clients, are taken as typed.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from tests.support.fakes.errors import bad_request

_STRUCTURED = frozenset(
    {
        "reply_markup",
        "allowed_updates",
        "commands",
        "scope",
        "link_preview_options",
        "reply_parameters",
        "entities",
        "caption_entities",
        "menu_button",
        "media",
        "permissions",
        "message_ids",
        "reaction",
        "results",
        "options",
        "rights",
    }
)
_NUMBERS = frozenset(
    {
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "max_connections",
        "icon_color",
        "duration",
        "width",
        "height",
        "latitude",
        "longitude",
        "until_date",
        "date",
        "live_period",
        "heading",
        "horizontal_accuracy",
        "proximity_alert_radius",
    }
)
_STRING_IDS = frozenset(
    {
        "callback_query_id",
        "inline_message_id",
        "file_id",
        "custom_emoji_id",
        "icon_custom_emoji_id",
        "business_connection_id",
        "inline_query_id",
        "message_effect_id",
        "shipping_query_id",
        "pre_checkout_query_id",
        "web_app_query_id",
    }
)
_FREE_TEXT = frozenset({"text", "caption", "data", "title", "name", "description", "query", "url"})


def decode_form_value(name: str, raw: str) -> Any:
    """Turn one form field into the type Telegram gives that parameter."""
    if name in _STRING_IDS or name in _FREE_TEXT:
        return raw
    if name in _STRUCTURED or name in _NUMBERS or name.endswith(("_id", "_ids")):
        try:
            return json.loads(raw)
        except ValueError:
            return raw  # e.g. chat_id="@channelname"
    if raw in ("true", "false"):
        return raw == "true"
    return raw


async def read_params(request: web.Request) -> dict[str, Any]:
    """Merge query string and body parameters; uploads become ``{"filename", "size", ...}``."""
    params: dict[str, Any] = {k: decode_form_value(k, v) for k, v in request.query.items()}
    if not request.can_read_body:
        return params
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError as exc:
            raise bad_request("can't parse JSON encoded request body") from exc
        if isinstance(body, dict):
            params.update(body)
        return params
    for name, value in (await request.post()).items():
        if isinstance(value, web.FileField):
            content = value.file.read()
            params[name] = {
                "filename": value.filename,
                "content_type": value.content_type,
                "size": len(content),
            }
        else:
            params[name] = decode_form_value(name, value if isinstance(value, str) else value.decode())
    return params
