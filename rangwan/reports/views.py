"""The reports page, the report to superiors in three formats, and the secretariat's
exports. Reads only: every view is a GET that checks its permission first."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.views.decorators.http import require_GET, require_safe
from rules.contrib.views import objectgetter, permission_required

from rangwan.documents.responses import document_response
from rangwan.programmes.models import Programme
from rangwan.reports.queries import district_statuses, documents_overview, programme_indicators

get_programme = objectgetter(Programme, "pk")


def _programme(pk) -> Programme:
    return get_object_or_404(Programme.objects.select_related("province__office"), pk=pk)


@login_required
@permission_required("reports.view_report", fn=get_programme, raise_exception=True)
@require_GET
# The report on screen is the PDF's own HTML (render_report_html): WeasyPrint needs its
# <style> inline and the charts place their ticks with computed style="left: …%".
# Only this page may apply inline styles; scripts stay 'self' only.
@csp_update({"style-src": [UNSAFE_INLINE]})
def report(request, pk):
    from rangwan.documents.report import render_report_html
    from rangwan.reports.queries import programme_report

    programme = _programme(pk)
    facts = programme_report(programme)
    return render(
        request,
        "reports/report.html",
        {"programme": programme, "report": facts, "body": render_report_html(facts)},
    )


@login_required
@permission_required("reports.view_report", fn=get_programme, raise_exception=True)
@require_GET
def report_pdf(request, pk):
    from rangwan.documents.report import render_report_pdf

    programme = _programme(pk)
    return document_response(render_report_pdf(programme), f"report-{programme.fiscal_year}.pdf")


@login_required
@permission_required("reports.view_report", fn=get_programme, raise_exception=True)
@require_GET
def report_docx(request, pk):
    from rangwan.documents.report import render_report_docx
    from rangwan.documents.word import DOCX_TYPE

    programme = _programme(pk)
    return document_response(
        render_report_docx(programme),
        f"report-{programme.fiscal_year}.docx",
        content_type=DOCX_TYPE,
        inline=False,
    )


@login_required
@permission_required("reports.view_report", fn=get_programme, raise_exception=True)
@require_GET
def report_xlsx(request, pk):
    from rangwan.documents.report import render_report_xlsx
    from rangwan.documents.spreadsheets import XLSX_TYPE

    programme = _programme(pk)
    return document_response(
        render_report_xlsx(programme),
        f"report-{programme.fiscal_year}.xlsx",
        content_type=XLSX_TYPE,
        inline=False,
    )


@login_required
@permission_required("reports.export_data", fn=get_programme, raise_exception=True)
@require_GET
def nominations_csv(request, pk):
    from rangwan.documents.spreadsheets import CSV_TYPE, csv_bytes
    from rangwan.reports.exports import NOMINATION_HEADERS, nomination_rows

    programme = _programme(pk)
    with translation.override("th"):
        body = csv_bytes(NOMINATION_HEADERS, nomination_rows(programme))
    return document_response(
        body, f"nominations-{programme.fiscal_year}.csv", content_type=CSV_TYPE, inline=False
    )


@login_required
@permission_required("reports.export_data", fn=get_programme, raise_exception=True)
@require_GET
def scores_csv(request, pk):
    from rangwan.documents.spreadsheets import CSV_TYPE, csv_bytes
    from rangwan.reports.exports import SCORE_HEADERS, score_rows

    programme = _programme(pk)
    with translation.override("th"):
        body = csv_bytes(SCORE_HEADERS, score_rows(programme))
    return document_response(
        body, f"scores-{programme.fiscal_year}.csv", content_type=CSV_TYPE, inline=False
    )


@login_required
@permission_required("reports.export_data", fn=get_programme, raise_exception=True)
@require_GET
def exports_xlsx(request, pk):
    from rangwan.documents.spreadsheets import XLSX_TYPE
    from rangwan.reports.exports import exports_xlsx as build

    programme = _programme(pk)
    with translation.override("th"):
        body = build(programme)
    return document_response(
        body,
        f"nominations-scores-{programme.fiscal_year}.xlsx",
        content_type=XLSX_TYPE,
        inline=False,
    )


@login_required
@permission_required("programmes.view_dashboard", fn=get_programme, raise_exception=True)
@require_safe
def dashboard(request, pk):
    programme = get_object_or_404(Programme.objects.select_related("province"), pk=pk)
    today = timezone.localdate()
    steps = list(programme.steps.all())
    next_deadline = programme.next_deadline(today)
    return render(
        request,
        "reports/dashboard.html",
        {
            "programme": programme,
            "today": today,
            "steps": [(step, step.is_overdue(today)) for step in steps],
            "overdue_count": sum(step.is_overdue(today) for step in steps),
            "indicators": programme_indicators(programme),
            "districts": district_statuses(programme),
            "next_deadline": next_deadline,
            "days_left": (next_deadline[1] - today).days if next_deadline else None,
            "deadlines": programme.deadlines(),
            "documents": documents_overview(programme),
        },
    )
