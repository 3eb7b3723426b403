"""The yearly report as CSV and as an XLSX workbook (openpyxl), for the annual report."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

from bot.workspace import messages
from bot.workspace.reports import YearReport

Row = Sequence[object]


def figure_rows(report: YearReport) -> list[tuple[str, object]]:
    """The headline figures as (Dutch label, value) rows."""
    return [(label, getattr(report, key)) for key, label in messages.FIGURE_LABELS.items()]


def government_rows(report: YearReport) -> list[tuple[str, int, int]]:
    """(local government, questions, tickets) per local government."""
    tickets = report.tickets_by_local_government
    return [(name, count, tickets.get(name, 0)) for name, count in report.by_local_government.items()]


def theme_rows(report: YearReport) -> list[tuple[str, int, int]]:
    """(theme, questions, tickets) per theme."""
    names = list(report.by_theme) + [name for name in report.tickets_by_theme if name not in report.by_theme]
    return [(name, report.by_theme.get(name, 0), report.tickets_by_theme.get(name, 0)) for name in names]


def to_csv(report: YearReport) -> str:
    """One CSV: the figures, a blank line, the themes, a blank line, the local governments."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow((messages.CSV_FIGURE, str(report.year)))
    writer.writerows(figure_rows(report))
    writer.writerow(())
    writer.writerow(messages.THEME_HEADER)
    writer.writerows(theme_rows(report))
    writer.writerow(())
    writer.writerow(messages.GOVERNMENT_HEADER)
    writer.writerows(government_rows(report))
    return out.getvalue()


def to_xlsx(report: YearReport) -> bytes:
    """A workbook with three sheets: figures, themes, local governments."""
    book = Workbook()
    figures = book.active
    assert figures is not None
    figures.title = messages.SHEET_FIGURES
    _fill(figures, (messages.CSV_FIGURE, str(report.year)), figure_rows(report))
    _fill(book.create_sheet(messages.SHEET_THEMES), messages.THEME_HEADER, theme_rows(report))
    _fill(book.create_sheet(messages.SHEET_GOVERNMENTS), messages.GOVERNMENT_HEADER, government_rows(report))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill(sheet: object, header: Row, rows: Iterable[Row]) -> None:
    sheet.append(list(header))  # type: ignore[attr-defined]
    for cell in sheet[1]:  # type: ignore[index]
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))  # type: ignore[attr-defined]
    sheet.column_dimensions["A"].width = 48  # type: ignore[attr-defined]
