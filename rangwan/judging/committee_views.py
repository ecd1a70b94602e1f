"""The committee at work: declarations, score sheets, the chair's rulings and reopenings,
the progress board, the schedule and the agenda."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from rules.contrib.views import objectgetter, permission_required

from rangwan.core.feedback import attach_to_form, flash
from rangwan.core.paging import page_of
from rangwan.judging import queries, services
from rangwan.judging.forms import (
    DeclarationForm,
    MeetingForm,
    ReopenForm,
    RulingForm,
    SheetForm,
)
from rangwan.judging.models import Declaration, Meeting, ScoreSheet
from rangwan.judging.rules import is_draft_sheet
from rangwan.nominations.enums import NominationStatus
from rangwan.nominations.models import Nomination
from rangwan.programmes.models import Programme

get_programme = objectgetter(Programme, "pk")


def _accepted(programme, nomination_pk) -> Nomination:
    return get_object_or_404(
        programme.nominations.select_related("district", "officer", "member", "dossier"),
        pk=nomination_pk,
        status=NominationStatus.ACCEPTED,
    )


def _my_seat(programme, user):
    return get_object_or_404(programme.seats, user=user)


@login_required
@permission_required("judging.judge", fn=get_programme, raise_exception=True)
@require_safe
def judge_home(request, pk):
    """The member's list: every accepted dossier, with their declaration and sheet."""
    programme = get_object_or_404(Programme, pk=pk)
    seat = _my_seat(programme, request.user)
    return render(
        request,
        "judging/judge_home.html",
        {"programme": programme, "seat": seat, "rows": queries.member_rows(programme, seat)},
    )


@login_required
@permission_required("judging.judge", fn=get_programme, raise_exception=True)
@require_http_methods(["GET", "POST"])
def declare(request, pk, nomination_pk):
    programme = get_object_or_404(Programme, pk=pk)
    nomination = _accepted(programme, nomination_pk)
    seat = _my_seat(programme, request.user)
    existing = Declaration.objects.filter(seat=seat, nomination=nomination).first()
    initial = (
        {
            "has_conflict": "yes" if existing.has_conflict else "no",
            "kind": existing.kind,
            "reason": existing.reason,
        }
        if existing
        else {}
    )
    form = DeclarationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            declaration = services.declare(
                seat=seat, nomination=nomination, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            attach_to_form(form, error)
        else:
            if declaration.may_score:
                services.open_sheet(seat=seat, nomination=nomination, actor=request.user)
                return redirect("judging:sheet", pk=pk, nomination_pk=nomination.pk)
            messages.info(request, _("Your declaration was sent to the chair for a ruling."))
            return redirect("judging:judge_home", pk=pk)
    return render(
        request,
        "judging/declare.html",
        {"programme": programme, "nomination": nomination, "form": form},
    )


@login_required
@permission_required("judging.judge", fn=get_programme, raise_exception=True)
@require_http_methods(["GET", "POST"])
def sheet(request, pk, nomination_pk):
    """The score sheet, on a tablet at the meeting: save as draft, or submit to lock."""
    programme = get_object_or_404(Programme, pk=pk)
    nomination = _accepted(programme, nomination_pk)
    seat = _my_seat(programme, request.user)
    score_sheet = ScoreSheet.objects.filter(seat=seat, nomination=nomination).first()
    refusal = services.scoring_refusal(seat=seat, nomination=nomination)
    declaration = Declaration.objects.filter(seat=seat, nomination=nomination).first()
    if score_sheet is None:
        # Opening a sheet writes it (with the discipline prefill): only on POST.
        if request.method != "POST":
            return render(
                request,
                "judging/sheet_start.html",
                {
                    "programme": programme,
                    "nomination": nomination,
                    "refusal": refusal,
                    "declaration": declaration,
                },
            )
        try:
            services.open_sheet(seat=seat, nomination=nomination, actor=request.user)
        except ValidationError as error:
            flash(request, error)
            return redirect("judging:declare", pk=pk, nomination_pk=nomination.pk)
        return redirect("judging:sheet", pk=pk, nomination_pk=nomination.pk)
    scores = list(score_sheet.scores.select_related("criterion").order_by("criterion__order"))
    rules = queries.rules_for(programme)
    form = SheetForm(
        request.POST or None,
        scores=scores,
        step=rules.score_step,
        initial={"version": score_sheet.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_sheet(
                sheet=score_sheet,
                actor=request.user,
                version=form.cleaned_data["version"],
                scores=form.scores(),
            )
            if "submit" in request.POST:
                services.submit_sheet(sheet=saved, actor=request.user, version=saved.version)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if "submit" in request.POST:
                messages.success(request, _("Your score sheet was submitted and locked."))
                return redirect("judging:judge_home", pk=pk)
            messages.success(request, _("The draft was saved."))
            return redirect("judging:sheet", pk=pk, nomination_pk=nomination.pk)
    return render(
        request,
        "judging/sheet.html",
        {
            "programme": programme,
            "nomination": nomination,
            "sheet": score_sheet,
            "form": form,
            "total_max": programme.rubric.declared_total,
            # A draft opened before a recusal (or final results) is shown, not editable.
            "locked": not is_draft_sheet(request.user, score_sheet) or refusal is not None,
            "refusal": refusal,
            "declaration": declaration,
        },
    )


@login_required
@permission_required("judging.rule_conflicts", fn=get_programme, raise_exception=True)
@require_safe
def conflicts(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    return render(
        request,
        "judging/conflicts.html",
        {
            "programme": programme,
            "declarations": queries.declared_conflicts(programme),
            "form": RulingForm(),
        },
    )


@login_required
@permission_required("judging.rule_conflicts", fn=get_programme, raise_exception=True)
@require_POST
def rule(request, pk, declaration_pk):
    declaration = get_object_or_404(Declaration, seat__programme_id=pk, pk=declaration_pk)
    form = RulingForm(request.POST)
    if form.is_valid():
        try:
            services.rule_on_conflict(
                declaration=declaration, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            flash(request, error)
        else:
            messages.success(request, _("The ruling was recorded."))
    else:
        messages.error(request, _("Uphold or dismiss the conflict."))
    return redirect("judging:conflicts", pk=pk)


@login_required
@permission_required("judging.rule_conflicts", fn=get_programme, raise_exception=True)
@require_POST
def reopen(request, pk, sheet_pk):
    score_sheet = get_object_or_404(ScoreSheet, seat__programme_id=pk, pk=sheet_pk)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.reopen_sheet(sheet=score_sheet, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            flash(request, error)
        else:
            messages.success(request, _("The sheet was reopened."))
    else:
        messages.error(request, _("Give the reason for reopening the sheet."))
    return redirect("judging:progress", pk=pk)


@login_required
@permission_required("judging.view_progress", fn=get_programme, raise_exception=True)
@require_safe
def progress(request, pk):
    """Dossiers × members: declared, drafting, submitted, recused; and what is missing."""
    programme = get_object_or_404(Programme, pk=pk)
    board = queries.progress_board(programme)
    page = page_of(request, board.rows)
    return render(
        request,
        "judging/progress.html",
        {
            "programme": programme,
            "board": board,
            "page": page,
            "reopen_form": ReopenForm(),
            "may_reopen": request.user.has_perm("judging.rule_conflicts", programme),
            "submitted_sheets": [
                {"pk": cell.sheet, "seat": cell.seat, "nomination": row.nomination}
                for row in page
                for cell in row.cells
                if cell.state == "submitted"
            ],
        },
    )


@login_required
@permission_required("judging.manage_schedule", fn=get_programme, raise_exception=True)
@require_http_methods(["GET", "POST"])
def schedule(request, pk):
    """The meeting and the order of presentations: drawn at random or set by hand."""
    programme = get_object_or_404(Programme, pk=pk)
    meeting = Meeting.objects.filter(programme=programme).first()
    initial = (
        {
            "date": meeting.date,
            "start_time": meeting.start_time,
            "slot_minutes": meeting.slot_minutes,
            "place": meeting.place,
        }
        if meeting
        else {"date": programme.results_deadline, "start_time": "09:00", "slot_minutes": 20}
    )
    form = MeetingForm(request.POST if "save_meeting" in request.POST else None, initial=initial)
    try:
        if "save_meeting" in request.POST and form.is_valid():
            services.save_meeting(programme=programme, actor=request.user, **form.cleaned_data)
            messages.success(request, _("The meeting was saved."))
            return redirect("judging:schedule", pk=pk)
        if "draw" in request.POST and meeting:
            services.draw_order(meeting=meeting, actor=request.user)
            messages.success(request, _("The order was drawn at random; the seed is recorded."))
            return redirect("judging:schedule", pk=pk)
        if "set_order" in request.POST and meeting:
            positions = {
                int(key.removeprefix("position_")): int(value)
                for key, value in request.POST.items()
                if key.startswith("position_") and value.strip().isdigit()
            }
            services.set_order(meeting=meeting, actor=request.user, positions=positions)
            messages.success(request, _("The order was set."))
            return redirect("judging:schedule", pk=pk)
    except ValidationError as error:
        flash(request, error)
    slots = list(meeting.slots.select_related("nomination__district")) if meeting else []
    placed = {slot.nomination_id for slot in slots}
    return render(
        request,
        "judging/schedule.html",
        {
            "programme": programme,
            "meeting": meeting,
            "form": form,
            "slots": slots,
            "unplaced": [n for n in queries.accepted_in_order(programme) if n.pk not in placed],
        },
    )


@login_required
@permission_required("judging.view_agenda", fn=get_programme, raise_exception=True)
@require_safe
def agenda(request, pk):
    """The printable agenda of the meeting."""
    programme = get_object_or_404(Programme, pk=pk)
    meeting = get_object_or_404(Meeting, programme=programme)
    return render(
        request,
        "judging/agenda.html",
        {
            "programme": programme,
            "meeting": meeting,
            "slots": meeting.slots.select_related(
                "nomination__district",
                "nomination__officer",
                "nomination__member",
                "nomination__dossier",
            ),
            "seats": programme.seats.all(),
        },
    )
