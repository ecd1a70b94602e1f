from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)
from rules.contrib.views import objectgetter, permission_required

from rangwan.core.feedback import attach_to_form, flash, flash_form_errors
from rangwan.core.paging import page_of
from rangwan.core.upload_limit import limit_uploads
from rangwan.documents.responses import document_response
from rangwan.nominations import queries, services
from rangwan.nominations.enums import DeadlineKind, EvidenceSection
from rangwan.nominations.forms import (
    CertifyForm,
    DossierForm,
    EvidenceForm,
    ExtensionForm,
    PairForm,
    ScreeningForm,
    SubmitForm,
)
from rangwan.nominations.models import Evidence, Nomination
from rangwan.nominations.rules import (
    awaits_screening,
    is_certifiable,
    is_certified,
    is_editable,
)
from rangwan.programmes.models import Programme

get_programme = objectgetter(Programme, "pk")
get_nomination = objectgetter(Nomination, "pk")


@login_required
@permission_required("nominations.view_district_home", raise_exception=True)
@require_safe
def district_home(request):
    """A district user's home: their district's state in each programme and what to do next."""
    today = timezone.localdate()
    return render(
        request,
        "nominations/district_home.html",
        {
            "district": request.user.district,
            "rows": queries.district_overview(request.user.district, today),
            "today": today,
        },
    )


@login_required
@permission_required("nominations.view_own_nomination", fn=get_programme, raise_exception=True)
@require_safe
def my_nomination(request, pk):
    """The district's page for one programme: the pair, the dossier, what comes next."""
    programme = get_object_or_404(Programme, pk=pk)
    district = request.user.district
    nomination = queries.nomination_of(programme, district)
    return render(
        request,
        "nominations/mine.html",
        {
            "programme": programme,
            "district": district,
            "nomination": nomination,
            "missing": services.missing_items(nomination) if nomination else [],
            "deadlines": queries.district_deadlines(programme, district),
            "versions": nomination.versions.all() if nomination else [],
            "slot": nomination.slots.select_related("meeting").first() if nomination else None,
            "can_edit": is_editable(request.user, nomination),
        },
    )


@login_required
@permission_required("nominations.register_pair", fn=get_programme, raise_exception=True)
@require_http_methods(["GET", "POST"])
def register_pair(request, pk):
    """แบบแจ้งรายชื่อ: register the pair, or change it until the deadline."""
    programme = get_object_or_404(Programme, pk=pk)
    district = request.user.district
    nomination = queries.nomination_of(programme, district)
    initial = PairForm.initial_for(nomination) if nomination else {}
    form = PairForm(request.POST or None, programme=programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if nomination:
                services.update_pair(
                    nomination=nomination, actor=request.user, **form.service_arguments()
                )
            else:
                services.register_pair(
                    programme=programme,
                    district=district,
                    actor=request.user,
                    **form.service_arguments(),
                )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("The pair was registered."))
            return redirect("nominations:mine", pk=pk)
    return render(
        request,
        "nominations/register.html",
        {
            "programme": programme,
            "district": district,
            "nomination": nomination,
            "form": form,
            "deadline": queries.district_deadlines(programme, district)[0],
        },
    )


@login_required
@permission_required("nominations.change_nomination", fn=get_nomination, raise_exception=True)
@require_http_methods(["GET", "POST"])
def dossier_edit(request, pk):
    """แบบเสนอผลงาน, as the district staff fill it. Saves itself while they type."""
    nomination = get_object_or_404(Nomination.objects.select_related("dossier"), pk=pk)
    dossier = nomination.dossier
    data = request.POST if request.method == "POST" else None
    form = DossierForm(data, instance=dossier, initial={"revision": dossier.revision})
    if request.method == "POST":
        form.is_valid()
        try:
            services.save_dossier(
                nomination=nomination,
                actor=request.user,
                revision=form.cleaned_data.get("revision", -1),
                **form.changes(),
            )
        except ValidationError as error:
            attach_to_form(form, error)
        else:
            if not form.errors:
                messages.success(request, _("The draft was saved."))
                return redirect("nominations:dossier", pk=pk)
    return render(
        request, "nominations/dossier_edit.html", _dossier_context(request, nomination, form)
    )


def _dossier_context(request, nomination, form) -> dict:
    evidence = list(nomination.evidence.current())
    return {
        "programme": nomination.programme,
        "nomination": nomination,
        "form": form,
        "evidence_conduct": [e for e in evidence if e.section == EvidenceSection.CONDUCT],
        "evidence_work": [e for e in evidence if e.section == EvidenceSection.JOINT_WORK],
        "upload_conduct": EvidenceForm(
            initial={"section": EvidenceSection.CONDUCT}, auto_id="id_conduct_%s"
        ),
        "upload_work": EvidenceForm(
            initial={"section": EvidenceSection.JOINT_WORK}, auto_id="id_work_%s"
        ),
        "deadline": queries.district_deadlines(nomination.programme, nomination.district)[1],
        "can_edit": is_editable(request.user, nomination),
    }


@login_required
@permission_required("nominations.change_nomination", fn=get_nomination, raise_exception=True)
@require_POST
def dossier_autosave(request, pk):
    """The htmx autosave: saves what was typed and answers with the save status."""
    nomination = get_object_or_404(Nomination.objects.select_related("dossier"), pk=pk)
    form = DossierForm(request.POST, instance=nomination.dossier)
    form.is_valid()
    problems: list[str] = [
        f"{form.fields[name].label}: {' '.join(errors)}"
        for name, errors in form.errors.items()
        if name in form.fields and name != "revision"
    ]
    stale = False
    try:
        dossier = services.save_dossier(
            nomination=nomination,
            actor=request.user,
            revision=form.cleaned_data.get("revision", -1),
            **form.changes(),
        )
    except services.StaleRevision as error:
        stale, dossier = True, nomination.dossier
        problems = error.messages
    except ValidationError as error:
        dossier = nomination.dossier
        dossier.refresh_from_db()
        problems += error.messages
    return render(
        request,
        "core/_save_status.html",
        {
            "revision": dossier.revision,
            "problems": problems,
            "stale": stale,
            "saved_at": timezone.now(),
        },
    )


@login_required
@permission_required("nominations.change_nomination", fn=get_nomination, raise_exception=True)
@require_POST
@limit_uploads
def evidence_add(request, pk):
    nomination = get_object_or_404(Nomination, pk=pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_evidence(
                nomination=nomination,
                actor=request.user,
                upload=form.cleaned_data["file"],
                section=form.cleaned_data["section"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as error:
            flash(request, error)
        else:
            messages.success(request, _("The file was added."))
    else:
        flash_form_errors(request, form)
    section = request.POST.get("section", EvidenceSection.CONDUCT)
    return redirect(reverse("nominations:dossier", args=[pk]) + f"#evidence-{section}")


@login_required
@permission_required("nominations.change_nomination", fn=get_nomination, raise_exception=True)
@require_POST
def evidence_remove(request, pk, evidence_pk):
    evidence = get_object_or_404(Evidence.objects.current(), nomination_id=pk, pk=evidence_pk)
    try:
        services.remove_evidence(evidence=evidence, actor=request.user)
    except ValidationError as error:
        flash(request, error)
    else:
        messages.success(request, _("The file was removed."))
    return redirect("nominations:dossier", pk=pk)


@login_required
def evidence_file(request, evidence_pk, variant):
    """Stream an evidence file to someone allowed to see its nomination. There is no
    public URL for it anywhere."""
    if variant not in ("file", "thumb"):
        raise Http404
    evidence = get_object_or_404(Evidence.objects.select_related("nomination"), pk=evidence_pk)
    if not request.user.has_perm("nominations.view_nomination", evidence.nomination):
        raise PermissionDenied
    if request.method not in ("GET", "HEAD"):  # after the permission, like every view
        return HttpResponseNotAllowed(["GET", "HEAD"])
    field = evidence.thumbnail if variant == "thumb" else evidence.file
    if not field:
        raise Http404
    content_type = "image/jpeg" if variant == "thumb" else evidence.content_type
    response = FileResponse(field.open("rb"), content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@permission_required("nominations.view_nomination", fn=get_nomination, raise_exception=True)
@require_safe
def nomination_detail(request, pk):
    """The dossier read as a whole: for the district head before certifying, for the
    secretariat when screening, and for the district to check."""
    nomination = get_object_or_404(
        Nomination.objects.select_related("programme", "district", "dossier"), pk=pk
    )
    content = services.dossier_content(nomination)
    return render(
        request,
        "nominations/detail.html",
        {
            "programme": nomination.programme,
            "nomination": nomination,
            "content": content,
            "sections": queries.dossier_sections(content),
            "evidence": queries.evidence_for(content),
            "missing": services.missing_items(nomination),
            "versions": nomination.versions.all(),
            "can_edit": is_editable(request.user, nomination),
            "can_certify": is_certifiable(request.user, nomination),
            "can_submit": is_certified(request.user, nomination),
            "can_screen": awaits_screening(request.user, nomination),
            "certify_form": CertifyForm(
                initial={
                    "certifier_name": request.user.display_name,
                    "certifier_position": request.user.position,
                }
            ),
            "submit_form": SubmitForm(nomination=nomination),
            "screening_form": ScreeningForm(),
        },
    )


@login_required
@permission_required("nominations.view_nomination", fn=get_nomination, raise_exception=True)
@require_safe
def version_detail(request, pk, number):
    nomination = get_object_or_404(Nomination, pk=pk)
    version = get_object_or_404(nomination.versions, number=number)
    return render(
        request,
        "nominations/version.html",
        {
            "programme": nomination.programme,
            "nomination": nomination,
            "version": version,
            "sections": queries.dossier_sections(version.content),
            "evidence": queries.evidence_for(version.content),
        },
    )


@login_required
@permission_required("nominations.certify_dossier", fn=get_nomination, raise_exception=True)
@require_POST
def certify(request, pk):
    nomination = get_object_or_404(Nomination, pk=pk)
    form = CertifyForm(request.POST)
    if form.is_valid():
        try:
            services.certify_dossier(nomination=nomination, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            flash(request, error)
        else:
            messages.success(
                request, _("You certified the dossier. The district staff can now submit it.")
            )
    else:
        messages.error(request, _("Give the certifier's name and position."))
    return redirect("nominations:detail", pk=pk)


@login_required
@permission_required("nominations.submit_dossier", fn=get_nomination, raise_exception=True)
@require_POST
def submit(request, pk):
    nomination = get_object_or_404(Nomination, pk=pk)
    form = SubmitForm(request.POST, nomination=nomination)
    if not form.is_valid():
        messages.error(
            request, _("Both the officer and the network member must confirm the dossier.")
        )
        return redirect("nominations:detail", pk=pk)
    try:
        version = services.submit_dossier(
            nomination=nomination, actor=request.user, **form.cleaned_data
        )
    except ValidationError as error:
        flash(request, error)
        return redirect("nominations:detail", pk=pk)
    return redirect("nominations:receipt", pk=pk, number=version.number)


@login_required
@permission_required("nominations.view_nomination", fn=get_nomination, raise_exception=True)
@require_safe
def receipt(request, pk, number):
    nomination = get_object_or_404(
        Nomination.objects.select_related("programme", "district"), pk=pk
    )
    version = get_object_or_404(nomination.versions.select_related("submitted_by"), number=number)
    return render(
        request,
        "nominations/receipt.html",
        {
            "programme": nomination.programme,
            "nomination": nomination,
            "version": version,
            "checkpoint": queries.submission_checkpoint(version),
        },
    )


@login_required
@permission_required("nominations.screen_nomination", fn=get_nomination, raise_exception=True)
@require_POST
def screen(request, pk):
    nomination = get_object_or_404(Nomination, pk=pk)
    form = ScreeningForm(request.POST)
    if form.is_valid():
        try:
            services.screen_dossier(nomination=nomination, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            flash(request, error)
        else:
            messages.success(request, _("The decision was recorded and the district can see it."))
            return redirect("nominations:screening", pk=nomination.programme_id)
    else:
        messages.error(request, _("Choose a decision."))
    return redirect("nominations:detail", pk=pk)


@login_required
@permission_required("nominations.view_screening", fn=get_programme, raise_exception=True)
@require_safe
def screening_list(request, pk):
    """Every district of the programme with its state; filter by state."""
    programme = get_object_or_404(Programme, pk=pk)
    rows = queries.screening_rows(programme)
    counts = queries.count_by_state(rows)
    total = len(rows)
    state = request.GET.get("state", "")
    if state:
        rows = [row for row in rows if row.state == state]
    page = page_of(request, rows)
    return render(
        request,
        "nominations/screening.html",
        {
            "programme": programme,
            "rows": page,
            "page": page,
            "total": total,
            "counts": counts,
            "state": state,
            "states": queries.STATE_CHOICES,
        },
    )


@login_required
@permission_required("nominations.view_dossier_pdf", fn=get_nomination, raise_exception=True)
@require_GET
def dossier_pdf(request, pk):
    from rangwan.documents.dossiers import render_dossier_pdf

    nomination = get_object_or_404(
        Nomination.objects.select_related("programme", "district"), pk=pk
    )
    pdf = render_dossier_pdf(nomination)
    return document_response(pdf, f"dossier-{nomination.district.code}.pdf")


@login_required
@permission_required("nominations.view_packet", fn=get_programme, raise_exception=True)
@require_GET
def committee_packet(request, pk):
    from rangwan.documents.dossiers import render_committee_packet

    programme = get_object_or_404(Programme, pk=pk)
    return document_response(
        render_committee_packet(programme), f"committee-packet-{programme.fiscal_year}.pdf"
    )


@login_required
@permission_required("nominations.grant_extension", fn=get_programme, raise_exception=True)
@require_http_methods(["GET", "POST"])
def extension(request, pk, district_pk):
    programme = get_object_or_404(Programme, pk=pk)
    district = get_object_or_404(programme.districts, pk=district_pk)
    form = ExtensionForm(request.POST or None, initial={"kind": DeadlineKind.DOSSIER})
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_extension(
                programme=programme, district=district, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            attach_to_form(form, error)
        else:
            messages.success(
                request, _("The deadline was extended for %(district)s.") % {"district": district}
            )
            return redirect("nominations:screening", pk=pk)
    return render(
        request,
        "nominations/extension.html",
        {
            "programme": programme,
            "district": district,
            "form": form,
            "deadlines": queries.district_deadlines(programme, district),
        },
    )
