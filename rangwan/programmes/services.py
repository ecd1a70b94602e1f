"""Writes to programmes and their work plans. One function a change; each is atomic and
leaves an audit entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rangwan.audit.services import record, snapshot
from rangwan.core.thai import BE_OFFSET, thai_digits
from rangwan.programmes.enums import StepStatus
from rangwan.programmes.models import DATE_FIELDS, Programme, WorkPlanStep
from rangwan.programmes.signals import programme_copied


@transaction.atomic
def create_programme(
    *,
    actor,
    districts=(),
    allowed_officer_kinds=(),
    allowed_network_kinds=(),
    **fields: Any,
) -> Programme:
    """A new programme from scratch; its work plan, rubric and seats are added after."""
    programme = Programme(**fields)
    programme.full_clean()
    programme.save()
    programme.districts.set(districts)
    programme.allowed_officer_kinds.set(allowed_officer_kinds)
    programme.allowed_network_kinds.set(allowed_network_kinds)
    record(actor=actor, action="programme.create", obj=programme, after=snapshot(programme))
    return programme


@transaction.atomic
def update_programme(*, programme: Programme, actor, **changes: Any) -> Programme:
    """Change a programme's names, dates and participating districts."""
    before = snapshot(programme)
    districts = changes.pop("districts", None)
    officer_kinds = changes.pop("allowed_officer_kinds", None)
    network_kinds = changes.pop("allowed_network_kinds", None)
    for field, value in changes.items():
        setattr(programme, field, value)
    programme.full_clean()
    programme.save()
    if districts is not None:
        programme.districts.set(districts)
    if officer_kinds is not None:
        programme.allowed_officer_kinds.set(officer_kinds)
    if network_kinds is not None:
        programme.allowed_network_kinds.set(network_kinds)
    record(
        actor=actor,
        action="programme.update",
        obj=programme,
        before=before,
        after=snapshot(programme),
    )
    return programme


@transaction.atomic
def update_work_plan_step(
    *,
    step: WorkPlanStep,
    actor,
    status: str,
    done_on: dt.date | None,
    remark: str,
    due_date: dt.date | None = None,
    title: str | None = None,
    responsible: str | None = None,
) -> WorkPlanStep:
    """Record the progress of one work-plan step. A step that is done needs its date."""
    before = snapshot(step)
    if status == StepStatus.DONE and done_on is None:
        raise ValidationError({"done_on": _("Give the date the step was done.")})
    step.status = status
    step.done_on = done_on if status == StepStatus.DONE else None
    step.remark = remark
    for field, value in (("due_date", due_date), ("title", title), ("responsible", responsible)):
        if value is not None:
            setattr(step, field, value)
    step.full_clean()
    step.save()
    record(actor=actor, action="workplan.update", obj=step, before=before, after=snapshot(step))
    return step


@transaction.atomic
def add_work_plan_step(
    *, programme: Programme, actor, title: str, due_date: dt.date, responsible: str, remark=""
) -> WorkPlanStep:
    """A new step at the end of the work plan."""
    last = programme.steps.order_by("-number").values_list("number", flat=True).first() or 0
    step = WorkPlanStep(
        programme=programme,
        number=last + 1,
        title=title,
        due_date=due_date,
        responsible=responsible,
        remark=remark,
    )
    step.full_clean()
    step.save()
    record(actor=actor, action="workplan.add", obj=step, after=snapshot(step))
    return step


def _years_on(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _year_text(text: str, year: int, new_year: int) -> str:
    """Move the programme's own year in a name on to the new one, in both digit systems,
    and its Christian-era year too (English names say "2025" for B.E. 2568)."""
    for old, new in ((year, new_year), (year - BE_OFFSET, new_year - BE_OFFSET)):
        text = text.replace(thai_digits(old), thai_digits(new)).replace(str(old), str(new))
    return text


@transaction.atomic
def copy_programme_to_next_year(
    *, programme: Programme, actor, fiscal_year: int | None = None
) -> Programme:
    """A new programme a year on (or in `fiscal_year`, when a year or more was skipped):
    dates moved as many years, the same districts, eligibility, work plan (reset to not
    started), rubric, judging rules and committee seats; no nominations."""
    year = programme.fiscal_year
    new_year = year + 1 if fiscal_year is None else fiscal_year
    if new_year <= year:
        raise ValidationError(
            gettext_lazy("A programme can only be copied into a later year than %(year)s."),
            code="year_not_later",
            params={"year": year},
        )
    years = new_year - year
    new_short_name = _year_text(programme.short_name_th, year, new_year)
    if Programme.objects.filter(
        province=programme.province, fiscal_year=new_year, short_name_th=new_short_name
    ).exists():
        # Lazy, so that a management command can say it in Thai and in English.
        raise ValidationError(
            gettext_lazy("A programme “%(name)s” for fiscal year %(year)s already exists."),
            code="exists",
            params={"name": new_short_name, "year": new_year},
        )
    copy = Programme(
        name_th=_year_text(programme.name_th, year, new_year),
        name_en=_year_text(programme.name_en, year, new_year),
        short_name_th=new_short_name,
        short_name_en=_year_text(programme.short_name_en, year, new_year),
        fiscal_year=new_year,
        province=programme.province,
        responsible_unit=programme.responsible_unit,
        copied_from=programme,
        **{field: _years_on(getattr(programme, field), years) for field in DATE_FIELDS},
    )
    copy.full_clean()
    copy.save()
    copy.districts.set(programme.districts.all())
    copy.allowed_officer_kinds.set(programme.allowed_officer_kinds.all())
    copy.allowed_network_kinds.set(programme.allowed_network_kinds.all())
    WorkPlanStep.objects.bulk_create(
        WorkPlanStep(
            programme=copy,
            number=step.number,
            title=_year_text(step.title, year, new_year),
            due_date=_years_on(step.due_date, years),
            responsible=step.responsible,
        )
        for step in programme.steps.all()
    )
    programme_copied.send(sender=Programme, source=programme, target=copy, actor=actor)
    record(
        actor=actor,
        action="programme.copy",
        obj=copy,
        before={"copied_from": programme.pk},
        after=snapshot(copy),
    )
    return copy
