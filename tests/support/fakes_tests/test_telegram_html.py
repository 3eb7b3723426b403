"""Telegram's HTML parse mode as the fake checks it."""

from __future__ import annotations

import pytest

from tests.support.fakes.telegram_html import EntityParseError, html_to_text


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("plain", "plain"),
        ("<b>vet</b> <i>schuin</i> <u>onder</u> <s>door</s>", "vet schuin onder door"),
        ("<STRONG>hoofdletters</STRONG>", "hoofdletters"),
        ('<a href="https://vvsg.be/?a=1&amp;b=2">link</a>', "link"),
        ('<pre><code class="language-python">x &lt; 1</code></pre>', "x < 1"),
        ('<span class="tg-spoiler">geheim</span> <tg-spoiler>ook</tg-spoiler>', "geheim ook"),
        ("<blockquote expandable>citaat</blockquote>", "citaat"),
        ("&lt;&gt;&amp;&quot;&#39;&#x20AC;", "<>&\"'€"),
        ("a > b", "a > b"),
        ("<b>dicht</>", "dicht"),
    ],
)
def test_well_formed_html_becomes_plain_text(source: str, shown: str) -> None:
    assert html_to_text(source) == shown


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
        ("é <br>", 'Unsupported start tag "br" at byte offset 3'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        (
            "<a href>x</a>",
            'Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0',
        ),
        ("AT&T", "Unsupported HTML entity at byte offset 2"),
        ("&nbsp;", "Unsupported HTML entity at byte offset 0"),
    ],
)
def test_malformed_html_is_rejected_with_telegrams_wording(source: str, error: str) -> None:
    with pytest.raises(EntityParseError) as raised:
        html_to_text(source)

    assert str(raised.value) == error


def test_lenient_ampersand_keeps_it_like_telegram_does() -> None:
    assert html_to_text("AT&T &nbsp;", strict_ampersand=False) == "AT&T &nbsp;"
