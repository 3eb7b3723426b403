"""Server-rendered SVG charts of a report (pygal), readable without JavaScript.

pygal links its tooltip script from a CDN by default; ``js=[]`` keeps the page free of
outside requests, and the SVG is inlined in the page (no XML declaration).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pygal
from pygal.style import Style

from bot.workspace import messages
from bot.workspace.reports import YearReport

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1f2933",
    foreground_strong="#1f2933",
    foreground_subtle="#9aa5b1",
    colors=("#0b5cad", "#e07a1f", "#2f855a"),
    font_family="system-ui, sans-serif",
    title_font_size=16,
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=12,
    value_font_size=11,
)
OPTIONS = {"js": [], "disable_xml_declaration": True, "style": STYLE, "explicit_size": False,
           "print_values": True, "show_y_guides": True}  # fmt: skip


def months_chart(report: YearReport) -> str:
    """Questions per month, a bar chart."""
    chart = pygal.Bar(title=messages.CHART_MONTHS.format(year=report.year), show_legend=False,
                      width=720, height=320, y_labels=count_labels(report.by_month), **OPTIONS)  # fmt: skip
    chart.x_labels = messages.MONTHS
    chart.add(messages.CHART_QUESTIONS, report.by_month)
    return _svg(chart)


def themes_chart(report: YearReport) -> str:
    """Questions and tickets per theme, horizontal bars."""
    names = list(report.by_theme) or [messages.OTHER_THEME]
    chart = pygal.HorizontalBar(title=messages.CHART_THEMES.format(year=report.year), width=720,
                                height=120 + 44 * len(names), legend_at_bottom=True, truncate_label=60,
                                truncate_legend=-1, y_labels=count_labels([*report.by_theme.values(),
                                                                           *report.tickets_by_theme.values()]),
                                **OPTIONS)  # fmt: skip
    chart.x_labels = list(reversed(names))
    chart.add(messages.CHART_QUESTIONS, [report.by_theme.get(name, 0) for name in reversed(names)])
    chart.add(messages.CHART_TICKETS, [report.tickets_by_theme.get(name, 0) for name in reversed(names)])
    return _svg(chart)


def count_labels(values: list[int]) -> list[int]:
    """Whole-number axis ticks (pygal would label a count of 2 as 0, 0.2, 0.4, ...): about eight."""
    top = max([*values, 1])
    step = next(nice for nice in _nice_steps() if nice * 8 >= top)
    return list(range(0, top + step, step))


def _nice_steps() -> Iterator[int]:
    """1, 2, 5, 10, 20, 50, ..."""
    for power in itertools.count():
        for base in (1, 2, 5):
            yield base * 10**power


def _svg(chart: pygal.graph.graph.Graph) -> str:
    svg = chart.render(is_unicode=True)
    return str(svg)
