from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from rules.contrib.views import objectgetter, permission_required

from rangwan.judging import queries, services
from rangwan.judging.forms import CriterionFormSet, RubricForm, SeatForm
from rangwan.judging.models import CommitteeSeat, Rubric
from rangwan.judging.rubric import points
from rangwan.programmes.models import Programme

get_programme = objectgetter(Programme, "pk")


@login_required
@permission_required("judging.view_rubric", fn=get_programme, raise_exception=True)
@require_safe
def rubric_detail(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    rubric = Rubric.objects.filter(programme=programme).first()
    criteria = list(rubric.criteria.select_related("parent")) if rubric else []
    return render(
        request,
        "judging/rubric.html",
        {
            "programme": programme,
            "rubric": rubric,
            "criteria": criteria,
            "problems": queries.check_rubric(rubric) if rubric else [],
        },
    )


@login_required
@permission_required("judging.change_rubric", fn=get_programme, raise_exception=True)
@require_http_methods(["GET", "POST"])
def rubric_edit(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    rubric = Rubric.objects.filter(programme=programme).first()
    if request.method == "POST":
        form = RubricForm(request.POST)
        formset = CriterionFormSet(request.POST, prefix="criteria")
        if form.is_valid() and formset.is_valid():
            rows = [
                {**f.cleaned_data, "parent": f.cleaned_data.get("parent") or None}
                for f in formset.forms
                if f.has_changed() and not f.cleaned_data.get("DELETE")
            ]
            try:
                services.save_rubric(
                    programme=programme,
                    declared_total=form.cleaned_data["declared_total"],
                    criteria=rows,
                    actor=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The rubric was saved."))
                return redirect("judging:rubric", pk=pk)
    else:
        form = RubricForm(
            initial={"declared_total": points(rubric.declared_total) if rubric else "100"}
        )
        initial = [
            {
                "code": c.code,
                "parent": c.parent.code if c.parent else "",
                "title_th": c.title_th,
                "title_en": c.title_en,
                "max_points": points(c.max_points),
                "description_th": c.description_th,
                "description_en": c.description_en,
            }
            for c in (rubric.criteria.select_related("parent") if rubric else [])
        ]
        formset = CriterionFormSet(initial=initial, prefix="criteria")
    return render(
        request,
        "judging/rubric_edit.html",
        {"programme": programme, "form": form, "formset": formset},
    )


@login_required
@permission_required("judging.view_committee", fn=get_programme, raise_exception=True)
@require_safe
def committee(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    seats = programme.seats.select_related("user")
    return render(request, "judging/committee.html", {"programme": programme, "seats": seats})


@login_required
@permission_required("judging.change_committeeseat", fn=get_programme, raise_exception=True)
@require_http_methods(["GET", "POST"])
def seat_add(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    form = SeatForm(request.POST or None, instance=CommitteeSeat(programme=programme))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_seat(programme=programme, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The committee seat was added."))
            return redirect("judging:committee", pk=pk)
    return render(
        request, "judging/seat_edit.html", {"programme": programme, "seat": None, "form": form}
    )


@login_required
@permission_required("judging.change_committeeseat", fn=get_programme, raise_exception=True)
@require_http_methods(["GET", "POST"])
def seat_edit(request, pk, seat_pk):
    seat = get_object_or_404(CommitteeSeat, programme_id=pk, pk=seat_pk)
    form = SeatForm(request.POST or None, instance=seat)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_seat(
                seat=CommitteeSeat.objects.get(pk=seat.pk), actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The committee seat was saved."))
            return redirect("judging:committee", pk=pk)
    return render(
        request, "judging/seat_edit.html", {"programme": seat.programme, "seat": seat, "form": form}
    )
