import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from rangwan.audit.models import AuditEntry
from rangwan.judging.queries import check_rubric
from rangwan.learning.enums import LessonStatus
from rangwan.learning.models import LessonsLearned
from rangwan.nominations.enums import NominationStatus
from rangwan.nominations.models import Nomination
from rangwan.programmes.enums import StepStatus
from rangwan.programmes.models import Programme
from rangwan.programmes.services import copy_programme_to_next_year, update_work_plan_step
from rangwan.reports.queries import programme_indicators
from tests.factories import ProgrammeFactory, WorkPlanStepFactory


def test_copy_to_next_year_moves_every_date_a_year_on(demo, users):
    copy = copy_programme_to_next_year(programme=demo, actor=users["secretariat"])
    assert copy.fiscal_year == 2569
    assert copy.name_notification_deadline == dt.date(2026, 2, 14)
    assert copy.dossier_deadline == dt.date(2026, 4, 30)
    assert (copy.joint_work_start, copy.joint_work_end) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 4, 30),
    )
    assert copy.results_deadline == dt.date(2026, 5, 30)
    assert copy.closing_deadline == dt.date(2026, 6, 13)
    assert "๒๕๖๙" in copy.name_th and "๒๕๖๘" not in copy.name_th
    assert copy.copied_from == demo


def test_copy_keeps_districts_rubric_work_plan_and_seats_but_no_nominations(demo, users):
    Nomination.objects.create(programme=demo, district=demo.districts.first())
    copy = copy_programme_to_next_year(programme=demo, actor=users["secretariat"])
    assert set(copy.districts.all()) == set(demo.districts.all())
    assert set(copy.allowed_network_kinds.all()) == set(demo.allowed_network_kinds.all())
    assert [(c.code, c.max_points, c.title_th) for c in copy.rubric.criteria.all()] == [
        (c.code, c.max_points, c.title_th) for c in demo.rubric.criteria.all()
    ]
    assert check_rubric(copy.rubric) == []
    assert copy.rubric.criteria.get(code="2.3").parent.code == "2"
    steps = list(copy.steps.all())
    assert len(steps) == 8
    assert {s.status for s in steps} == {StepStatus.NOT_STARTED}
    assert {s.done_on for s in steps} == {None}
    assert steps[3].due_date == dt.date(2026, 4, 30)
    assert [(s.number, s.role, s.post_th) for s in copy.seats.all()] == [
        (s.number, s.role, s.post_th) for s in demo.seats.all()
    ]
    assert copy.nominations.count() == 0
    assert AuditEntry.objects.filter(action="programme.copy", object_id=str(copy.pk)).exists()


def test_copy_keeps_the_judging_rules_set_for_the_programme(demo, users):
    from decimal import Decimal

    from rangwan.judging.models import JudgingRules

    chain = [{"label": "criterion 3", "codes": ["3"]}, {"label": "chair's vote", "codes": []}]
    JudgingRules.objects.create(
        programme=demo,
        score_step=Decimal("0.5"),
        remark_at_extremes=False,
        quorum_numerator=1,
        quorum_denominator=2,
        tie_break=chain,
    )
    copy = copy_programme_to_next_year(programme=demo, actor=users["secretariat"])
    rules = JudgingRules.objects.get(programme=copy)
    assert (rules.score_step, rules.remark_at_extremes, rules.quorum(9)) == (
        Decimal("0.5"),
        False,
        5,
    )
    assert rules.tie_break == chain
    entry = AuditEntry.objects.get(action="rules.copy", object_id=str(rules.pk))
    assert Decimal(entry.after["score_step"]) == Decimal("0.5")
    assert entry.actor == users["secretariat"]


def test_copy_of_a_programme_without_rules_saves_none(demo, users):
    from rangwan.judging.models import JudgingRules

    copy = copy_programme_to_next_year(programme=demo, actor=users["secretariat"])
    assert not JudgingRules.objects.filter(programme=copy).exists()


def test_copy_twice_is_refused_with_a_clear_message(demo, users):
    copy_programme_to_next_year(programme=demo, actor=users["secretariat"])
    with pytest.raises(ValidationError, match="2569"):
        copy_programme_to_next_year(programme=demo, actor=users["secretariat"])
    assert Programme.objects.filter(fiscal_year=2569).count() == 1


@pytest.mark.django_db
def test_copy_of_a_leap_day_lands_on_28_february():
    programme = ProgrammeFactory(
        fiscal_year=2567,
        period_start=dt.date(2024, 1, 1),
        name_notification_deadline=dt.date(2024, 2, 29),
    )
    copy = copy_programme_to_next_year(programme=programme, actor=None)
    assert copy.name_notification_deadline == dt.date(2025, 2, 28)


@pytest.mark.django_db
def test_step_marked_done_needs_its_date():
    step = WorkPlanStepFactory()
    with pytest.raises(ValidationError):
        update_work_plan_step(
            step=step, actor=None, status=StepStatus.DONE, done_on=None, remark=""
        )
    step.refresh_from_db()
    assert step.status == StepStatus.NOT_STARTED


@pytest.mark.django_db
def test_step_update_is_recorded_with_before_and_after():
    step = WorkPlanStepFactory(due_date=dt.date(2025, 1, 15))
    assert step.is_overdue(dt.date(2025, 1, 16))
    update_work_plan_step(
        step=step, actor=None, status=StepStatus.DONE, done_on=dt.date(2025, 1, 20), remark="ช้า"
    )
    assert not step.is_overdue(dt.date(2025, 1, 21))
    assert step.done_late
    entry = AuditEntry.objects.get(action="workplan.update")
    assert entry.before["status"] == StepStatus.NOT_STARTED
    assert entry.after["status"] == StepStatus.DONE
    assert entry.after["done_on"] == "2025-01-20"


def test_indicators_are_counted_from_nominations_and_lessons(demo):
    districts = list(demo.districts.all())
    assert [(i.code, i.actual, i.target) for i in programme_indicators(demo)] == [
        ("10.1", 0, 11),
        ("10.2", 0, 11),
        ("10.3", 0, 1),
    ]
    Nomination.objects.create(programme=demo, district=districts[0])
    Nomination.objects.create(
        programme=demo, district=districts[1], status=NominationStatus.SUBMITTED
    )
    winner = Nomination.objects.create(
        programme=demo, district=districts[2], status=NominationStatus.ACCEPTED
    )
    Nomination.objects.create(
        programme=demo, district=districts[3], status=NominationStatus.RETURNED
    )
    lessons = LessonsLearned.objects.create(programme=demo, nomination=winner, title="ร่าง")
    assert [(i.actual, i.met) for i in programme_indicators(demo)] == [
        (4, False),
        (2, False),
        (0, False),
    ]
    # One write-up a programme (a database constraint): publishing it meets 10.3.
    lessons.status = LessonStatus.PUBLISHED
    lessons.published_at = dt.datetime(2025, 6, 10, tzinfo=dt.UTC)
    lessons.save()
    assert programme_indicators(demo)[2].met
