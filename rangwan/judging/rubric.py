"""Checking a rubric: do the maxima add up, and does the text agree with the numbers?

The seed's own scoring table is the reason this exists: it lists 10 + 5×10 + 50 = 110
under "รวม ๑๐๐", and two of its rows say "(๑๕ คะแนน)" where the column says 10. Every
problem is named exactly, so the secretariat knows which line to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from rangwan.core.thai import arabic_digits

# "(๑๕ คะแนน)", "(50คะแนน)", "(15 points)"
STATED_POINTS = re.compile(r"\(\s*([0-9๐-๙]+(?:\.[0-9๐-๙]+)?)\s*(?:คะแนน|points?)\s*\)")


@dataclass(frozen=True)
class CriterionRow:
    code: str
    title: str
    max_points: Decimal
    parent_code: str | None = None
    description: str = ""


def points(value: Decimal) -> str:
    """50.00 -> '50', 7.50 -> '7.5'."""
    text = f"{Decimal(value).normalize():f}"
    return text


def stated_points(text: str) -> list[Decimal]:
    return [Decimal(arabic_digits(match)) for match in STATED_POINTS.findall(text)]


def rubric_problems(declared_total: Decimal, rows: Iterable[CriterionRow]) -> list[str]:
    """Every way the rubric is off, one sentence each; an empty list means it is sound."""
    rows = list(rows)
    problems: list[str] = []
    by_code: dict[str, CriterionRow] = {}
    for row in rows:
        if row.code in by_code:
            problems.append(_("Code %(code)s is used twice.") % {"code": row.code})
        by_code[row.code] = row
        if row.max_points < 0:
            problems.append(
                _("Item %(code)s: the maximum %(points)s is below zero.")
                % {"code": row.code, "points": points(row.max_points)}
            )
    children: dict[str | None, list[CriterionRow]] = {}
    for row in rows:
        if row.parent_code is not None and row.parent_code not in by_code:
            problems.append(
                _("Item %(code)s belongs to %(parent)s, which does not exist.")
                % {"code": row.code, "parent": row.parent_code}
            )
        children.setdefault(row.parent_code, []).append(row)

    for row in rows:
        kids = children.get(row.code)
        if kids:
            kids_sum = sum((kid.max_points for kid in kids), Decimal(0))
            if kids_sum != row.max_points:
                problems.append(
                    _(
                        "Part %(code)s: its maximum %(points)s is not the sum of its items "
                        "%(sum)s: %(parts)s"
                    )
                    % {
                        "code": row.code,
                        "points": points(row.max_points),
                        "sum": points(kids_sum),
                        "parts": _list_parts(kids, item=True),
                    }
                )
        for stated in stated_points(f"{row.title} {row.description}"):
            if stated != row.max_points:
                problems.append(
                    _(
                        "Item %(code)s: the text says %(stated)s points "
                        "but the maximum is %(points)s."
                    )
                    % {"code": row.code, "stated": points(stated), "points": points(row.max_points)}
                )

    top = children.get(None, [])
    total = sum((row.max_points for row in top), Decimal(0))
    if total != declared_total:
        problems.insert(
            0,
            _("The maxima add up to %(sum)s, not the declared total %(total)s: %(parts)s")
            % {"sum": points(total), "total": points(declared_total), "parts": _list_parts(top)},
        )
    return problems


def _list_parts(rows: list[CriterionRow], *, item: bool = False) -> str:
    template = _("item %(code)s = %(points)s") if item else _("part %(code)s = %(points)s")
    return ", ".join(
        template % {"code": row.code, "points": points(row.max_points)} for row in rows
    )
