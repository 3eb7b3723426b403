"""``vraagbaak themes ...``: the themes, follower counts, digests and announcements at a terminal.

The staff side of ``bot.themes`` until the web workspace has it. Nothing here talks to
Telegram: announcements are queued in the outbox, which a running bot sends.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from bot.cli import surveys as cli_surveys
from bot.cli.context import state
from bot.storage import Storage, StorageError
from bot.storage.digests import DigestStatus
from bot.themes import AnnouncementService, DigestAdmin, FollowService, ThemesError
from knowledge.themes import THEMES, theme_name

app = typer.Typer(
    help="Themes officials follow, digests of new publications, announcements, surveys.", no_args_is_help=True
)
app.add_typer(cli_surveys.app, name="survey")

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
DigestArg = Annotated[int, typer.Argument(help="The digest number (as in 'vraagbaak themes digests').", min=1)]


@contextmanager
def _database(ctx: typer.Context) -> Iterator[Storage]:
    """Storage over the configured database, migrated first (as the bot does at start)."""
    settings = state(ctx).settings
    try:
        storage = Storage.open(settings.resolved_database_url)
        try:
            storage.database.upgrade()
            yield storage
        finally:
            storage.database.dispose()
    except StorageError as exc:
        raise ThemesError(str(exc)) from exc


@app.command("list")
def list_themes(as_json: JsonOption = False) -> None:
    """The themes officials can follow: slug and name."""
    if as_json:
        typer.echo(json.dumps([{"slug": theme.slug, "name": theme.name} for theme in THEMES], ensure_ascii=False))
        return
    for theme in THEMES:
        typer.echo(f"{theme.slug:<30} {theme.name}")


@app.command()
def followers(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """How many officials follow each theme (counts only, never who)."""
    with _database(ctx) as storage:
        counts = FollowService.over(storage.database).counts()
    if as_json:
        typer.echo(json.dumps(counts))
        return
    for slug, count in counts.items():
        typer.echo(f"{count:>6}  {theme_name(slug)}")


@app.command()
def digests(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Recent digests (one per published index version with news) and their status."""
    with _database(ctx) as storage:
        recent = DigestAdmin.over(storage.database).recent()
    if as_json:
        rows = [{"id": d.id, "version_id": d.version_id, "status": d.status.value, "items": d.items,
                 "created_at": d.created_at.isoformat()} for d in recent]  # fmt: skip
        typer.echo(json.dumps(rows))
        return
    if not recent:
        typer.echo("No digests yet.")
    for digest in recent:
        typer.echo(f"{digest.id:>5}  {digest.status.value:<9} {digest.items:>3} documents  {digest.version_id}")


@app.command()
def digest(ctx: typer.Context, digest_id: DigestArg, as_json: JsonOption = False) -> None:
    """The documents of one digest, with their themes."""
    with _database(ctx) as storage:
        items = DigestAdmin.over(storage.database).items(digest_id)
    if as_json:
        rows = [{"doc_id": i.doc_id, "title": i.title, "summary": i.summary, "url": i.url,
                 "themes": list(i.themes)} for i in items]  # fmt: skip
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for item in items:
        typer.echo(f"{item.doc_id}  [{', '.join(item.themes)}]\n    {item.title}")


def _set_status(ctx: typer.Context, digest_id: int, status: DigestStatus) -> None:
    with _database(ctx) as storage:
        DigestAdmin.over(storage.database).set_status(digest_id, status)
    typer.echo(f"Digest {digest_id} is {status.value}.")


@app.command()
def hold(ctx: typer.Context, digest_id: DigestArg) -> None:
    """Hold a digest: nothing of it goes out until 'release'."""
    _set_status(ctx, digest_id, DigestStatus.HELD)


@app.command()
def release(ctx: typer.Context, digest_id: DigestArg) -> None:
    """Release a held (or cancelled) digest: it goes out in the next send window."""
    _set_status(ctx, digest_id, DigestStatus.PENDING)


@app.command()
def cancel(ctx: typer.Context, digest_id: DigestArg) -> None:
    """Cancel a digest: what was not sent yet never goes out."""
    _set_status(ctx, digest_id, DigestStatus.CANCELLED)


@app.command()
def announce(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The announcement, in Dutch (plain text).")],
    theme: Annotated[
        list[str] | None, typer.Option("--theme", help="A theme slug; repeat; none: all followers.")
    ] = None,
    rsvp: Annotated[bool, typer.Option("--rsvp", help="Add 'ik kom' / 'interesse' buttons.")] = False,
    author: Annotated[str | None, typer.Option("--as", help="Your name, for the record.")] = None,
) -> None:
    """Queue an announcement for the followers of some themes (or all followers)."""
    settings = state(ctx).settings
    with _database(ctx) as storage:
        service = AnnouncementService.over(storage.database, cap_per_week=settings.push_cap_per_week)
        done = service.announce(text, list(theme or []), rsvp=rsvp, created_by=author)
    typer.echo(f"Announcement {done.announcement_id} queued for {done.queued} followers "
               f"({done.skipped_cap} over the weekly cap).")  # fmt: skip


@app.command()
def responses(
    ctx: typer.Context,
    announcement_id: Annotated[int, typer.Argument(help="The announcement number.", min=1)],
    as_json: JsonOption = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print the list as CSV, for the organisers.")] = False,
) -> None:
    """Responses to an announcement: counts, and the list of names."""
    settings = state(ctx).settings
    with _database(ctx) as storage:
        report = AnnouncementService.over(storage.database, cap_per_week=settings.push_cap_per_week).report(
            announcement_id
        )
    if as_csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["name", "response", "responded_at"])
        for row in report.responses:
            writer.writerow([row.display_name, row.response, row.created_at.isoformat()])
        typer.echo(buffer.getvalue().rstrip("\n"))
        return
    if as_json:
        people = [{"name": r.display_name, "response": r.response} for r in report.responses]
        typer.echo(
            json.dumps({"id": announcement_id, "counts": report.counts, "responses": people}, ensure_ascii=False)
        )
        return
    typer.echo(", ".join(f"{key}: {count}" for key, count in report.counts.items()))
    for row in report.responses:
        typer.echo(f"  {row.response:<10} {row.display_name}")
