"""Every write of judging, one function each: the rubric and the judging rules
(rubric.py), the committee's seats (committee.py), conflict declarations and the chair's
rulings (declarations.py), score sheets (sheets.py) and the presentation schedule
(schedule.py). Callers import this package: `from rangwan.judging import services`."""

from rangwan.judging.services.committee import add_seat, copy_committee, update_seat
from rangwan.judging.services.declarations import declare, rule_on_conflict
from rangwan.judging.services.guards import scoring_refusal
from rangwan.judging.services.rubric import copy_rubric, copy_rules, save_rubric
from rangwan.judging.services.schedule import draw, draw_order, save_meeting, set_order
from rangwan.judging.services.sheets import (
    StaleSheet,
    open_sheet,
    reopen_sheet,
    save_sheet,
    sheet_problems,
    submit_sheet,
)

__all__ = [
    "StaleSheet",
    "add_seat",
    "copy_committee",
    "copy_rubric",
    "copy_rules",
    "declare",
    "draw",
    "draw_order",
    "open_sheet",
    "reopen_sheet",
    "rule_on_conflict",
    "save_meeting",
    "save_rubric",
    "save_sheet",
    "scoring_refusal",
    "set_order",
    "sheet_problems",
    "submit_sheet",
    "update_seat",
]
