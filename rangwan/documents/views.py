from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import objectgetter, permission_required

from rangwan.core.feedback import attach_to_form, flash
from rangwan.documents import services
from rangwan.documents.forms import LetterForm, SendLetterForm
from rangwan.documents.letters import (
    letter_for,
    render_form3_pdf,
    render_form4_pdf,
    render_letter_pdf,
    render_rubric_pdf,
    render_workplan_pdf,
)
from rangwan.documents.responses import document_response
from rangwan.programmes.models import Programme
from rangwan.results.enums import ResultStatus
from rangwan.results.integrity import TamperedResults
from rangwan.results.models import Results

get_programme = objectgetter(Programme, "pk")


def _programme(pk):
    return get_object_or_404(Programme.objects.select_related("province"), pk=pk)


def _final_results(programme):
    return Results.objects.filter(programme=programme, status=ResultStatus.FINAL).first()


@login_required
@permission_required("documents.view_letter", fn=get_programme, raise_exception=True)
@require_GET
def letter(request, pk):
    programme = _programme(pk)
    current = letter_for(programme)
    dispatches = list(current.dispatches.select_related("sent_by")) if current.pk else []
    return render(
        request,
        "documents/letter_page.html",
        {
            "programme": programme,
            "letter": current,
            "dispatches": dispatches,
            "missing": services.offices_without_email(programme),
            "send_form": SendLetterForm(),
            "results": _final_results(programme),
        },
    )


@login_required
@permission_required("documents.change_letter", fn=get_programme, raise_exception=True)
@require_http_methods(["GET", "POST"])
def letter_edit(request, pk):
    programme = _programme(pk)
    form = LetterForm(request.POST or None, instance=letter_for(programme))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_letter(programme=programme, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_to_form(form, error)
        else:
            messages.success(request, _("The letter was saved."))
            return redirect("documents:letter", pk=pk)
    return render(request, "documents/letter_edit.html", {"programme": programme, "form": form})


@login_required
@permission_required("documents.send_letter", fn=get_programme, raise_exception=True)
@require_POST
def letter_send(request, pk):
    programme = _programme(pk)
    form = SendLetterForm(request.POST)
    form.is_valid()  # two optional fields: the service says what is wrong
    try:
        dispatch = services.send_letter(
            programme=programme,
            actor=request.user,
            resend=form.cleaned_data.get("resend", False),
            reason=form.cleaned_data.get("reason", ""),
        )
    except ValidationError as error:
        flash(request, error)
    else:
        delivered = [r for r in dispatch.recipients if r["delivered"]]
        failed = [r for r in dispatch.recipients if not r["delivered"]]
        messages.success(
            request,
            _("The letter and its enclosures were e-mailed to %(count)s district offices.")
            % {"count": len(delivered)},
        )
        if failed:
            messages.error(
                request,
                _("The mail server refused: %(offices)s. Send again later.")
                % {"offices": ", ".join(r["office"] for r in failed)},
            )
    return redirect("documents:letter", pk=pk)


@login_required
@permission_required("documents.view_letter", fn=get_programme, raise_exception=True)
@require_GET
def letter_pdf(request, pk):
    programme = _programme(pk)
    return document_response(
        render_letter_pdf(letter_for(programme)), f"letter-{programme.fiscal_year}.pdf"
    )


@login_required
@permission_required("documents.view_letter", fn=get_programme, raise_exception=True)
@require_GET
def workplan_pdf(request, pk):
    programme = _programme(pk)
    return document_response(
        render_workplan_pdf(programme), f"workplan-{programme.fiscal_year}.pdf"
    )


@login_required
@permission_required("documents.view_letter", fn=get_programme, raise_exception=True)
@require_GET
def form3_pdf(request, pk):
    programme = _programme(pk)
    return document_response(render_form3_pdf(programme), f"form3-{programme.fiscal_year}.pdf")


@login_required
@permission_required("documents.view_letter", fn=get_programme, raise_exception=True)
@require_GET
def form4_pdf(request, pk):
    programme = _programme(pk)
    return document_response(render_form4_pdf(programme), f"form4-{programme.fiscal_year}.pdf")


@login_required
@permission_required("documents.view_letter", fn=get_programme, raise_exception=True)
@require_GET
def rubric_pdf(request, pk):
    programme = _programme(pk)
    return document_response(render_rubric_pdf(programme), f"rubric-{programme.fiscal_year}.pdf")


@login_required
@permission_required("documents.view_announcement", fn=get_programme, raise_exception=True)
@require_GET
def announcement_pdf(request, pk):
    from rangwan.documents.announcement import render_announcement_pdf

    programme = _programme(pk)
    results = _final_results(programme)
    if results is None:
        return render(
            request, "documents/announcement_not_final.html", {"programme": programme}, status=404
        )
    try:
        pdf = render_announcement_pdf(results)
    except TamperedResults as error:
        return render(
            request,
            "documents/announcement_not_final.html",
            {"programme": programme, "tampered": str(error)},
            status=409,
        )
    return document_response(pdf, f"announcement-{programme.fiscal_year}.pdf")
