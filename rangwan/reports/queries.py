"""Reads for dashboards and reports. Indicators are always computed from the data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from rangwan.documents.models import LetterDispatch
from rangwan.learning.enums import LessonStatus
from rangwan.nominations.enums import NominationStatus
from rangwan.programmes.models import Programme
from rangwan.results.enums import ResultStatus
from rangwan.results.models import Results


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    actual: int
    target: int

    @property
    def met(self) -> bool:
        return self.actual >= self.target

    @property
    def percent(self) -> int:
        return round(100 * min(self.actual, self.target) / self.target) if self.target else 0


def programme_indicators(programme: Programme) -> list[Indicator]:
    """ตัวชี้วัด 10.1–10.3 of the seed: pairs, outstanding works, lessons learned."""
    district_ids = programme.districts.values("pk")
    counts = programme.nominations.filter(district__in=district_ids).aggregate(
        pairs=Count("pk"),
        works=Count("pk", filter=Q(status__in=NominationStatus.dossier_in())),
    )
    districts = programme.districts.count()
    lessons = programme.lessons.filter(status=LessonStatus.PUBLISHED).count()
    return [
        Indicator(
            "10.1",
            str(_("Every district has one pair (officer and network)")),
            counts["pairs"],
            districts,
        ),
        Indicator(
            "10.2",
            str(_("Every district has one outstanding joint work")),
            counts["works"],
            districts,
        ),
        Indicator(
            "10.3",
            str(_("Lessons learned from the winning pair's work")),
            lessons,
            1,
        ),
    ]


@dataclass(frozen=True)
class DistrictStatus:
    district: object
    status: str | None
    status_label: str


def district_statuses(programme: Programme) -> list[DistrictStatus]:
    """Every participating district with its nomination state, "not registered" included."""
    statuses = dict(programme.nominations.values_list("district_id", "status"))
    # One translation a status, not one a district (get_FOO_display rebuilds the choices).
    labels = {value: str(label) for value, label in NominationStatus.choices}
    not_registered = str(_("Not registered"))
    return [
        DistrictStatus(
            district=district,
            status=statuses.get(district.pk),
            status_label=labels[statuses[district.pk]]
            if district.pk in statuses
            else not_registered,
        )
        for district in programme.districts.all()
    ]


def days_until(day: dt.date, today: dt.date) -> int:
    return (day - today).days


# The report to superiors (รายงานผลการดำเนินโครงการ) ---------------------------------

# วัตถุประสงค์ of the seed's project (§2). Programme has no field for them yet; the
# report shows the seed's, which every year of this programme shares.
SEED_OBJECTIVES = [
    "เพื่อเป็นการส่งเสริมปลูกจิตสำนึกให้ข้าราชการและเจ้าหน้าที่มีวินัย ยึดมั่นในจริยธรรม "
    "คุณธรรม และสร้างจิตสำนึกที่ดีในการปฏิบัติราชการด้วยความซื่อสัตย์ สุจริต โปร่งใส "
    "เป็นองค์กรใสสะอาด",
    "เพื่อส่งเสริม สนับสนุน การสร้างกระบวนการทำงานกับภาคีเครือข่าย เพื่อร่วมกันขับเคลื่อน"
    "ภารกิจที่ได้รับมอบหมายให้สำเร็จลุล่วง เกิดประโยชน์สุขกับพี่น้องประชาชน",
    "เพื่อสร้างขวัญกำลังใจ และเป็นการยกย่องเชิดชูเกียรติให้แก่ผู้ปฏิบัติงานในพื้นที่",
]

# ตัวชี้วัดกิจกรรม (§10), the seed's wording; the targets come from the data.
INDICATOR_TEXT_TH = {
    "10.1": "ทุกอำเภอมี ๑ พัฒนากร ๑ เครือข่ายการพัฒนา สู่การขับเคลื่อนงานพัฒนาชุมชน",
    "10.2": "ทุกอำเภอมีผลงานดีเด่น อำเภอละ ๑ ผลงาน",
    "10.3": "มีการถอดบทเรียนการทำงานของสุดยอด ๑ พัฒนากร ๑ เครือข่ายการพัฒนา เพื่อนำไปปฏิบัติ",
}
INDICATOR_UNIT_TH = {"10.1": "คู่", "10.2": "ผลงาน", "10.3": "ผลงาน"}


class StepState:
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OVERDUE = "overdue"
    UPCOMING = "upcoming"


@dataclass(frozen=True)
class StepRow:
    step: object
    state: str


@dataclass(frozen=True)
class ParticipationRow:
    district: object
    nomination: object | None
    submitted: bool
    accepted: bool
    total: Decimal | None
    rank: int | None

    @property
    def registered(self) -> bool:
        return self.nomination is not None


@dataclass(frozen=True)
class RankRow:
    nomination: int
    rank: int
    district: str
    officer: str
    member: str
    work_title: str
    means: list[Decimal]
    total: Decimal
    counted: int
    decided_by: str


@dataclass(frozen=True)
class MemberScores:
    district: str
    sheet: int  # "sheet k" of this dossier on the public results page (never a seat)
    scores: list[Decimal | None]
    total: Decimal


@dataclass(frozen=True)
class ConflictRow:
    # No member, not even a label: a recusal must not single anyone out (the public page
    # shows only how many members of each dossier were recused).
    district: str
    kind: str
    ruling: str


@dataclass(frozen=True)
class ProgrammeReport:
    programme: Programme
    generated_at: dt.datetime
    objectives: list[str]
    indicators: list[Indicator]
    steps: list[StepRow]
    participation: list[ParticipationRow]
    results: object | None  # results.Results
    rubric: list[dict]  # code, title, max (Decimal)
    ranking: list[RankRow]
    member_scores: list[MemberScores]
    conflicts: list[ConflictRow]
    distribution: object | None  # charts.DistributionChart
    criterion_chart: object | None  # charts.CriterionChart
    public_url: str
    # charts.HistogramChart, the whole field, when the distribution shows only its top
    histogram: object | None = None

    @property
    def status(self) -> str:
        """ "final", "provisional" or "none" (nothing published yet)."""
        if self.results is None:
            return "none"
        return "final" if self.results.is_final else "provisional"

    @property
    def winner(self) -> RankRow | None:
        winners = [row for row in self.ranking if row.rank == 1]
        return winners[0] if len(winners) == 1 else None

    @property
    def conflicts_upheld(self) -> int:
        return sum(1 for c in self.conflicts if c.ruling == "upheld")


def _step_rows(programme: Programme, today: dt.date) -> list[StepRow]:
    rows = []
    for step in programme.steps.all():
        if step.done_on:
            state = StepState.DONE_LATE if step.done_late else StepState.DONE_ON_TIME
        elif step.is_overdue(today):
            state = StepState.OVERDUE
        else:
            state = StepState.UPCOMING
        rows.append(StepRow(step, state))
    return rows


def programme_report(programme: Programme) -> ProgrammeReport:
    """Everything the report to superiors says, read from the data. Scores, the ranking
    and the charts come only from published results (the frozen snapshot when final),
    never from the live tally: before the committee publishes, the report says so and
    shows no scores."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import timezone

    from rangwan.judging.models import Declaration
    from rangwan.reports import charts
    from rangwan.results.queries import published_for

    now = timezone.now()
    shown = published_for(programme)
    results = shown.results if shown else None
    bundle = shown.bundle if shown else None  # None too when they fail their check

    rubric = (
        [
            {"code": c["code"], "title": c["title"], "max": Decimal(c["max"])}
            for c in bundle["rubric"]["criteria"]
        ]
        if bundle
        else []
    )
    codes = [c["code"] for c in rubric]
    public = shown.rows() if bundle else []
    ranking = [
        RankRow(
            nomination=row.nomination,
            rank=row.rank,
            district=row.district,
            officer=row.officer,
            member=row.member,
            work_title=row.work_title,
            means=row.means,
            total=row.total,
            counted=row.counted,
            decided_by=row.decided_by,
        )
        for row in public
    ]
    by_nomination = {row.nomination: row for row in ranking}

    member_scores = []
    totals_by_nomination: dict[int, list[Decimal]] = {}
    for row in public:
        for sheet in row.sheets:
            totals_by_nomination.setdefault(row.nomination, []).append(sheet.total)
            member_scores.append(
                MemberScores(
                    district=row.district, sheet=sheet.label, scores=sheet.points, total=sheet.total
                )
            )

    nominations = {
        n.district_id: n
        for n in programme.nominations.select_related("officer", "member", "dossier")
    }
    participation = []
    for district in programme.districts.order_by("code"):
        nomination = nominations.get(district.pk)
        ranked = by_nomination.get(nomination.pk) if nomination else None
        participation.append(
            ParticipationRow(
                district=district,
                nomination=nomination,
                submitted=bool(nomination and nomination.status in NominationStatus.dossier_in()),
                accepted=bool(nomination and nomination.status == NominationStatus.ACCEPTED),
                total=ranked.total if ranked else None,
                rank=ranked.rank if ranked else None,
            )
        )

    declarations = (
        Declaration.objects.filter(seat__programme=programme, has_conflict=True)
        .select_related("seat", "nomination__district")
        .order_by("nomination__district__code", "seat__number")
    )
    conflicts = [
        ConflictRow(district=d.nomination.district.name_th, kind=d.kind, ruling=d.ruling)
        for d in declarations
    ]

    distribution = criterion_chart = histogram = None
    if bundle:
        full_marks = Decimal(bundle["rubric"]["declared_total"])
        distribution = charts.score_distribution(
            [(row.district, totals_by_nomination.get(row.nomination, [])) for row in ranking],
            full_marks,
        )
        if distribution and distribution.is_top:
            histogram = charts.totals_histogram([row.total for row in ranking], full_marks)
        criterion_chart = charts.criterion_means(
            [(c["code"], c["title"], c["max"]) for c in rubric],
            {code: [row.means[i] for row in ranking] for i, code in enumerate(codes)},
        )

    return ProgrammeReport(
        programme=programme,
        generated_at=now,
        objectives=SEED_OBJECTIVES,
        indicators=programme_indicators(programme),
        steps=_step_rows(programme, timezone.localdate(now)),
        participation=participation,
        results=results,
        rubric=rubric,
        ranking=ranking,
        member_scores=member_scores,
        conflicts=conflicts,
        distribution=distribution,
        criterion_chart=criterion_chart,
        public_url=settings.SITE_URL + reverse("results:public", args=[programme.pk]),
        histogram=histogram,
    )


@dataclass(frozen=True)
class DocumentsOverview:
    """Where each of the programme's documents stands, for the dashboard."""

    letter_sent_at: dt.datetime | None
    results_final: bool
    certificates: int
    certificates_revoked: int
    lessons_status: str | None  # a LessonStatus value, None before the write-up starts


def documents_overview(programme: Programme) -> DocumentsOverview:
    certificates = programme.certificates.aggregate(
        all=Count("pk"), revoked=Count("pk", filter=Q(revoked_at__isnull=False))
    )
    return DocumentsOverview(
        letter_sent_at=LetterDispatch.objects.filter(letter__programme=programme)
        .order_by("-sent_at")
        .values_list("sent_at", flat=True)
        .first(),
        results_final=Results.objects.filter(
            programme=programme, status=ResultStatus.FINAL
        ).exists(),
        certificates=certificates["all"],
        certificates_revoked=certificates["revoked"],
        lessons_status=programme.lessons.values_list("status", flat=True).first(),
    )
