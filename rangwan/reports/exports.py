"""The secretariat's exports: every nomination, and every score (member × dossier ×
criterion) with its note, as CSV and XLSX. Members are named: the secretariat runs the
committee and is entitled to know who gave which score.

Each table is read in a fixed number of queries, whatever the number of dossiers.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import ExpressionWrapper, F, Field

from rangwan.judging.models import Declaration, Score
from rangwan.programmes.models import Programme

NOMINATION_HEADERS = [
    "รหัสอำเภอ",
    "อำเภอ",
    "สถานะ",
    "พัฒนากร/อสพ.",
    "ตำแหน่ง",
    "ประเภทผู้ปฏิบัติงาน",
    "เครือข่าย",
    "ประเภทเครือข่าย",
    "ชื่อเครือข่าย",
    "บทบาทในเครือข่าย",
    "ชื่อผลงาน",
    "เริ่มดำเนินงาน",
    "สิ้นสุดการดำเนินงาน",
    "ฉบับที่ส่งล่าสุด",
    "ส่งเมื่อ",
    "ผลการตรวจสอบ",
]

SCORE_HEADERS = [
    "รหัสอำเภอ",
    "อำเภอ",
    "ลำดับที่กรรมการ",
    "กรรมการ",
    "ตำแหน่งในคณะกรรมการ",
    "สถานะใบให้คะแนน",
    "นับคะแนน",
    "รหัสเกณฑ์",
    "เกณฑ์การพิจารณา",
    "คะแนนเต็ม",
    "คะแนน",
    "หมายเหตุ",
    "ส่งเมื่อ",
]


_COUNTED = {True: "นับ", False: "ไม่นับ"}


class _Points(dict):
    """Stored points -> Decimal to the field's places, as Django's converter makes them."""

    def __init__(self, places: int):
        super().__init__()
        self.step = Decimal(1).scaleb(-places)

    def __missing__(self, stored) -> Decimal | None:
        self[stored] = value = None if stored is None else Decimal(str(stored)).quantize(self.step)
        return value


def _labels(choices) -> dict[str, str]:
    """An enum's labels in the active language, translated once rather than per row."""
    return {value: str(label) for value, label in choices}


def nomination_rows(programme: Programme) -> list[tuple[object, ...]]:
    from rangwan.nominations.enums import NominationStatus, ScreeningOutcome
    from rangwan.nominations.models import DossierVersion

    statuses, outcomes = _labels(NominationStatus.choices), _labels(ScreeningOutcome.choices)
    latest = {}  # nomination id -> (number, submitted, outcome) of its latest version
    for nomination_id, *version in (
        DossierVersion.objects.filter(nomination__programme=programme)
        .order_by("nomination_id", "number")
        .values_list("nomination_id", "number", "submitted_at", "outcome")
    ):
        latest[nomination_id] = version
    nominations = (
        programme.nominations.select_related(
            "district", "officer", "officer_kind", "member", "network_kind", "dossier"
        )
        # The dossier's long texts are not exported: leave them in the database.
        .only(
            "programme",  # the related manager sets it on each nomination
            "status",
            "network_kind_other",
            "network_name",
            "member_role",
            "district__code",
            "district__name_th",
            "officer__title",
            "officer__first_name",
            "officer__last_name",
            "officer__position",
            "officer_kind__name_th",
            "member__title",
            "member__first_name",
            "member__last_name",
            "network_kind__name_th",
            "network_kind__requires_name",
            "dossier__work_title",
            "dossier__work_start",
            "dossier__work_end",
        )
        .order_by("district__code")
    )
    rows = []
    for n in nominations:
        dossier = getattr(n, "dossier", None)
        number, submitted_at, outcome = latest.get(n.pk, (None, None, ""))
        rows.append(
            (
                n.district.code,
                n.district.name_th,
                statuses.get(n.status, n.status),
                n.officer.full_name if n.officer else "",
                n.officer.position if n.officer else "",
                n.officer_kind.name_th if n.officer_kind else "",
                n.member.full_name if n.member else "",
                n.network_kind_label_th,
                n.network_name,
                n.member_role,
                dossier.work_title if dossier else "",
                dossier.work_start if dossier else None,
                dossier.work_end if dossier else None,
                number,
                submitted_at,
                outcomes.get(outcome, outcome),
            )
        )
    return rows


def score_rows(programme: Programme) -> list[tuple[object, ...]]:
    """One row a score. 55,000 of them at national scale: the scores are read as plain
    tuples and joined here to the few seats, criteria and sheets they refer to."""
    from rangwan.judging.enums import SheetStatus
    from rangwan.judging.models import Criterion, ScoreSheet

    recused = set(
        Declaration.objects.filter(
            seat__programme=programme, has_conflict=True, ruling="upheld"
        ).values_list("seat_id", "nomination_id")
    )
    seats = {
        seat.pk: (
            seat.number,
            seat.holder_name or (seat.user.display_name if seat.user else ""),
            seat.post_th,
        )
        for seat in programme.seats.select_related("user")
    }
    criteria = {  # in the rubric's order
        pk: (code, title, maximum)
        for pk, code, title, maximum in Criterion.objects.filter(rubric__programme=programme)
        .order_by("order", "code")
        .values_list("pk", "code", "title_th", "max_points")
    }
    rank = {pk: index for index, pk in enumerate(criteria)}
    statuses = _labels(SheetStatus.choices)
    sheets = (
        ScoreSheet.objects.filter(seat__programme=programme)
        .order_by("nomination__district__code", "seat__number")
        .values_list(
            "pk",
            "seat_id",
            "nomination_id",
            "status",
            "submitted_at",
            "nomination__district__code",
            "nomination__district__name_th",
        )
    )
    columns = {}  # sheet id -> the first seven columns and the last, in the export's order
    for pk, seat_id, nomination_id, status, submitted_at, code, district in sheets:
        counted = status == SheetStatus.SUBMITTED and (seat_id, nomination_id) not in recused
        label = statuses.get(status, status)
        columns[pk] = ((code, district, *seats[seat_id], label, _COUNTED[counted]), submitted_at)
    # The scores are grouped under their sheets here: sorting 55,000 of them by four
    # joined columns costs SQLite more. Points come as the database returns them (a float
    # from SQLite) with no converter (a plain Field has none), and each distinct value
    # becomes a Decimal once: Django's converter would make 55,000, one call a row.
    points = _Points(Score._meta.get_field("points").decimal_places)
    as_stored = ExpressionWrapper(F("points"), output_field=Field())
    by_sheet = {pk: [] for pk in columns}
    for sheet_id, criterion_id, stored, remark in Score.objects.filter(
        sheet__seat__programme=programme
    ).values_list("sheet_id", "criterion_id", as_stored, "remark"):
        by_sheet[sheet_id].append((criterion_id, points[stored], remark))
    rows = []
    for sheet_id, scores in by_sheet.items():
        first, submitted_at = columns[sheet_id]
        scores.sort(key=lambda score: rank[score[0]])
        rows += [
            (*first, *criteria[criterion_id], given, remark, submitted_at)
            for criterion_id, given, remark in scores
        ]
    return rows


def exports_xlsx(programme: Programme) -> bytes:
    from rangwan.documents.spreadsheetml import tables_xlsx

    return tables_xlsx(
        [
            ("การเสนอชื่อ", NOMINATION_HEADERS, nomination_rows(programme)),
            ("คะแนน", SCORE_HEADERS, score_rows(programme)),
        ]
    )
