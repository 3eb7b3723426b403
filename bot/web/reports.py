"""The yearly report: a page with SVG charts, CSV and XLSX downloads, and ``/api/report``."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.web import messages
from bot.web.guard import api, blocking, page, problem, render, web
from bot.web.sessions import Session
from bot.workspace import Staff, YearReport, charts, export
from bot.workspace import messages as labels

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@page
async def report_page(request: Request, staff: Staff, session: Session) -> Response:
    """The figures of a year (this year by default), with charts."""
    year = _year(request)
    if year is None:
        return problem(request, messages.BAD_YEAR, 400, staff, session)
    report = await blocking(web(request).workspace.report, year)
    context = {"r": report, "labels": labels, "figures": export.figure_rows(report),
               "themes": export.theme_rows(report), "governments": export.government_rows(report),
               "months_svg": Markup(charts.months_chart(report)),
               "themes_svg": Markup(charts.themes_chart(report)),
               "years": range(_this_year(request) - 4, _this_year(request) + 1)}  # fmt: skip
    return render(request, "report.html", context, staff=staff, session=session)


@page
async def report_csv(request: Request, staff: Staff, session: Session) -> Response:
    report = await _report(request)
    if report is None:
        return problem(request, messages.BAD_YEAR, 400, staff, session)
    return Response(export.to_csv(report), media_type="text/csv; charset=utf-8",
                    headers=_attachment(f"vraagbaak-{report.year}.csv"))  # fmt: skip


@page
async def report_xlsx(request: Request, staff: Staff, session: Session) -> Response:
    report = await _report(request)
    if report is None:
        return problem(request, messages.BAD_YEAR, 400, staff, session)
    content = await blocking(export.to_xlsx, report)
    return Response(content, media_type=XLSX, headers=_attachment(f"vraagbaak-{report.year}.xlsx"))


@api
async def report_api(request: Request, staff: Staff, session: Session) -> Response:
    """``GET /api/report?year=YYYY``: the same figures as JSON."""
    report = await _report(request)
    if report is None:
        return JSONResponse({"error": "year must be a number between 2000 and 2200"}, status_code=400)
    return JSONResponse(report.to_json())


async def _report(request: Request) -> YearReport | None:
    year = _year(request)
    return None if year is None else await blocking(web(request).workspace.report, year)


def _year(request: Request) -> int | None:
    raw = request.path_params.get("year") or request.query_params.get("year")
    if raw is None:
        return _this_year(request)
    try:
        year = int(str(raw))
    except ValueError:
        return None
    return year if 2000 <= year <= 2200 else None


def _this_year(request: Request) -> int:
    return datetime.now(ZoneInfo(web(request).workspace.settings.timezone)).year


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}
