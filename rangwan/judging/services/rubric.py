"""Writes to a programme's rubric and judging rules: saving the rubric, copying both to
another programme."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rangwan.audit.services import record, snapshot
from rangwan.judging.models import Criterion, JudgingRules, Rubric
from rangwan.programmes.models import Programme


@transaction.atomic
def save_rubric(
    *,
    programme: Programme,
    declared_total: Decimal,
    criteria: Iterable[dict],
    actor=None,
) -> Rubric:
    """Replace a programme's rubric with the given criteria.

    Each criterion is a dict with code, title_th, max_points and optionally parent
    (a code), title_en, description_th, description_en. The rubric is stored even when
    its maxima do not add up, so the secretariat can see and fix it; `check_rubric`
    says what is off.
    """
    criteria = list(criteria)
    rubric, _created = Rubric.objects.get_or_create(
        programme=programme, defaults={"declared_total": declared_total}
    )
    before = {"declared_total": rubric.declared_total, "criteria": _criteria_data(rubric)}
    rubric.declared_total = declared_total
    rubric.full_clean()
    rubric.save()
    rubric.criteria.all().delete()
    by_code: dict[str, Criterion] = {}
    for order, item in enumerate(criteria, start=1):
        parent_code = item.get("parent")
        if parent_code and parent_code not in by_code:
            raise ValidationError(
                _("Item %(code)s belongs to %(parent)s, which does not come before it.")
                % {"code": item["code"], "parent": parent_code}
            )
        criterion = Criterion(
            rubric=rubric,
            parent=by_code.get(parent_code) if parent_code else None,
            code=item["code"],
            order=order,
            title_th=item["title_th"],
            title_en=item.get("title_en", ""),
            description_th=item.get("description_th", ""),
            description_en=item.get("description_en", ""),
            max_points=Decimal(item["max_points"]),
        )
        criterion.full_clean()
        criterion.save()
        by_code[criterion.code] = criterion
    record(
        actor=actor,
        action="rubric.save",
        obj=rubric,
        before=before,
        after={"declared_total": rubric.declared_total, "criteria": _criteria_data(rubric)},
    )
    return rubric


def _criteria_data(rubric: Rubric) -> list[dict]:
    return [
        {
            "code": c.code,
            "parent": c.parent.code if c.parent else None,
            "title_th": c.title_th,
            "title_en": c.title_en,
            "description_th": c.description_th,
            "description_en": c.description_en,
            "max_points": str(c.max_points),
        }
        for c in rubric.criteria.select_related("parent")
    ]


def copy_rubric(*, source: Programme, target: Programme, actor=None) -> Rubric | None:
    rubric = getattr(source, "rubric", None)
    if rubric is None:
        return None
    return save_rubric(
        programme=target,
        declared_total=rubric.declared_total,
        criteria=_criteria_data(rubric),
        actor=actor,
    )


RULES_FIELDS = [
    "score_step",
    "remark_at_extremes",
    "discipline_code",
    "quorum_numerator",
    "quorum_denominator",
    "tie_break",
]


@transaction.atomic
def copy_rules(*, source: Programme, target: Programme, actor=None) -> JudgingRules | None:
    """The judging rules the secretariat set for `source`, for `target` too. Nothing
    when none were set: both then judge by the defaults, and no row is needed."""
    rules = JudgingRules.objects.filter(programme=source).first()
    if rules is None:
        return None
    copy = JudgingRules(
        programme=target, **{field: getattr(rules, field) for field in RULES_FIELDS}
    )
    copy.full_clean()
    copy.save()
    record(
        actor=actor,
        action="rules.copy",
        obj=copy,
        before={"copied_from": rules.pk},
        after=snapshot(copy, fields=RULES_FIELDS),
    )
    return copy
