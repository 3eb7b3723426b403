"""The Dutch summary for the staff chat and the operator's text report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from bot.reindex.report import STAFF_MESSAGE_LIMIT, render_text, summary_nl
from bot.settings import Settings
from knowledge import LoadFailure
from tests.bot.reindex.conftest import reindexer
from tests.bot.reindex.site import Site
from tests.support.fake_embedder import FakeEmbedder


def test_summary_names_changes_failures_with_reasons_and_duration(
    site: Site, web_settings: Callable[..., Settings], fake_embedder: FakeEmbedder
) -> None:
    report = reindexer(web_settings(), fake_embedder).run()
    report = replace(report, finished=report.started + timedelta(minutes=3, seconds=12))
    text = summary_nl(report)
    lines = text.splitlines()
    assert lines[0] == f"Herindexering klaar (3 min 12 s): versie {report.build.version_id} is nu in gebruik."
    assert lines[1] == "Toegevoegd: 5 · gewijzigd: 0 · verwijderd: 0 · mislukt: 1"
    assert f"• {site.url('/kennis/kapot.pdf')}: " in text
    assert lines[-1] == "Bronnen: knowledge: 1 document · vvsg: 4 documenten, 1 mislukt · staff-faq: 0 documenten"


def test_summary_of_a_failed_source_says_its_content_was_kept(
    site: Site, web_settings: Callable[..., Settings], fake_embedder: FakeEmbedder
) -> None:
    settings = web_settings()
    reindexer(settings, fake_embedder).run()
    site.answer("/robots.txt", 500)
    (settings.data_dir / "sources" / "vvsg" / "pages.json").unlink()
    report = reindexer(settings, fake_embedder).run()
    text = summary_nl(report)
    assert "niets gewijzigd" in text and "vvsg: MISLUKT (robots.txt unreachable" in text
    assert "vorige inhoud behouden" in text
    assert "Source vvsg: FAILED (robots.txt unreachable" in render_text(report)


def test_summary_fits_in_one_telegram_message(
    site: Site, web_settings: Callable[..., Settings], fake_embedder: FakeEmbedder
) -> None:
    report = reindexer(web_settings(), fake_embedder).run()
    many = tuple(LoadFailure(f"https://www.vvsg.be/{n}.pdf", "unreadable PDF: " + "x" * 200) for n in range(100))
    outcomes = tuple(replace(outcome, failures=many) for outcome in report.sources)
    text = summary_nl(replace(report, sources=outcomes))
    assert len(text) <= STAFF_MESSAGE_LIMIT and "• … en nog 295" in text
