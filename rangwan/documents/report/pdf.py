"""The report to superiors as HTML (the reports page), as PDF, and its charts as PNG."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from rangwan.documents.pdf import font_faces, html_to_pdf, pdf_to_png, render_pdf
from rangwan.documents.report.context import document_context
from rangwan.reports.queries import ProgrammeReport, programme_report


def render_report_html(report: ProgrammeReport) -> SafeString:
    """The report's body with its styles, for the reports page (always in Thai: it is
    the official document, whatever language the page is in)."""
    with translation.override("th"):
        context = document_context(report)
        return SafeString(
            render_to_string("documents/_report_style.html")
            + render_to_string("documents/_report_chart_style.html")
            + render_to_string("documents/_report_body.html", context)
        )


def render_report_pdf(programme) -> bytes:
    with translation.override("th"):
        return render_pdf("documents/report.html", document_context(programme_report(programme)))


CHARTS = ("distribution", "histogram", "criteria")


def _chart(report: ProgrammeReport, which: str):
    return {
        "distribution": report.distribution,
        "histogram": report.histogram,
        "criteria": report.criterion_chart,
    }[which]


def render_chart_pngs(report: ProgrammeReport, *, dpi: int = 200) -> list[bytes]:
    """Every chart the report has, in its order, as trimmed PNGs: one WeasyPrint layout
    with a chart a page (laying out costs far more than rasterising a page)."""
    charts = [which for which in CHARTS if _chart(report, which) is not None]
    if not charts:
        return []
    with translation.override("th"):
        html = render_to_string(
            "documents/report_chart.html",
            {"report": report, "charts": charts, "font_faces": font_faces()},
        )
        pdf = html_to_pdf(html)
    return [pdf_to_png(pdf, page=page, dpi=dpi, trim=True) for page in range(len(charts))]


def render_chart_png(report: ProgrammeReport, which: str, *, dpi: int = 200) -> bytes | None:
    """One chart ("distribution", "histogram" or "criteria") as a trimmed PNG, or None
    when the report has no such chart."""
    if _chart(report, which) is None:
        return None
    with translation.override("th"):
        html = render_to_string(
            "documents/report_chart.html",
            {"report": report, "charts": [which], "font_faces": font_faces()},
        )
        return pdf_to_png(html_to_pdf(html), dpi=dpi, trim=True)
