"""What the API answers, as pydantic models: django-ninja writes the OpenAPI document
from these. Scores and means are strings, so exact decimals stay exact."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema

ResultsState = Literal["not_published", "provisional", "final"]


class ProgrammeOut(Schema):
    id: int
    fiscal_year: int  # Buddhist Era
    name_th: str
    name_en: str
    short_name_th: str
    short_name_en: str
    province: str
    results: ResultsState
    name_notification_deadline: dt.date
    dossier_deadline: dt.date
    results_deadline: dt.date
    closing_deadline: dt.date


class DeadlineOut(Schema):
    label: str
    date: dt.date
    passed: bool


class NextDeadlineOut(Schema):
    label: str
    date: dt.date
    days_left: int


class StepOut(Schema):
    number: int
    title: str
    due_date: dt.date
    responsible: str
    status: Literal["not_started", "in_progress", "done"]
    status_label: str
    done_on: dt.date | None
    overdue: bool
    done_late: bool
    remark: str


class IndicatorOut(Schema):
    code: str
    label: str
    actual: int
    target: int
    met: bool


class ProgrammeDetailOut(ProgrammeOut):
    responsible_unit: str
    period_start: dt.date
    period_end: dt.date
    joint_work_start: dt.date
    joint_work_end: dt.date
    today: dt.date
    deadlines: list[DeadlineOut]
    next_deadline: NextDeadlineOut | None
    work_plan: list[StepOut]
    indicators: list[IndicatorOut]


NominationState = Literal[
    "not_registered",
    "registered",
    "draft",
    "certified",
    "submitted",
    "accepted",
    "returned",
    "rejected",
]


class DistrictStateOut(Schema):
    district_id: int
    code: str
    name_th: str
    name_en: str
    state: NominationState
    state_label: str


class ProgrammeDistrictsOut(Schema):
    programme_id: int
    districts: list[DistrictStateOut]


class CriterionOut(Schema):
    code: str
    title: str
    max_points: str


class SheetOut(Schema):
    # "sheet k" of this dossier: sheets are ordered by their points, so the label says
    # nothing about which member gave them (docs/TRANSPARENCY.md)
    label: int
    points: dict[str, str]
    total: str


class RankedOut(Schema):
    rank: int
    district: str
    officer: str
    network_member: str
    work_title: str
    means: dict[str, str]
    total: str
    counted: int
    recused: int
    tied: bool
    decided_by: str
    dossier_sha256: str
    sheets: list[SheetOut]


class CommitteeSeatOut(Schema):
    holder: str
    post: str
    role: str


class ConflictsOut(Schema):
    declared: int
    upheld: int


class ResultsOut(Schema):
    programme_id: int
    programme_name: str
    fiscal_year: int
    status: Literal["provisional", "final"]
    published_at: dt.datetime
    objections_close_at: dt.datetime | None
    finalised_at: dt.datetime | None
    sha256: str  # of the bundle at bundle_url, byte for byte
    bundle_url: str
    rubric: list[CriterionOut]
    ranking: list[RankedOut]
    committee: list[CommitteeSeatOut]
    conflicts: ConflictsOut


class CertificateOut(Schema):
    status: Literal["genuine", "revoked"]
    code: str
    name: str
    kind: Literal["award", "participation"]
    kind_label: str
    award_text: str
    programme_text: str
    issuer: str
    issued_on: dt.date
    revoked_at: dt.datetime | None
    revoke_reason: str | None
