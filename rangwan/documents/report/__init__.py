"""รายงานผลการดำเนินโครงการ, the report to superiors, as HTML, PDF, Word and Excel.

One set of facts (`reports.queries.programme_report`) feeds every format. The charts are
HTML with SVG shapes (see `reports.charts`); Word gets them as PNG pictures rasterised
from WeasyPrint's PDF, so their Thai labels are shaped as in the PDF. Excel gets native
charts over the same figures.
"""

from rangwan.documents.report.excel import render_report_xlsx
from rangwan.documents.report.pdf import (
    render_chart_png,
    render_chart_pngs,
    render_report_html,
    render_report_pdf,
)
from rangwan.documents.report.word import render_report_docx

__all__ = [
    "render_chart_png",
    "render_chart_pngs",
    "render_report_docx",
    "render_report_html",
    "render_report_pdf",
    "render_report_xlsx",
]
