"""The secretariat's exports: every nomination, and every score (member × dossier ×
criterion) with its note, as CSV and XLSX. Members are named: the secretariat runs the
committee and is entitled to know who gave which score.

Each table is read in a fixed number of queries, whatever the number of dossiers.
"""

from __future__ import annotations

from rangwan.documents.spreadsheets import add_table_sheet, new_workbook, workbook_bytes
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


def nomination_rows(programme: Programme) -> list[list[object]]:
    nominations = (
        programme.nominations.select_related(
            "district", "officer", "officer_kind", "member", "network_kind", "dossier"
        )
        .prefetch_related("versions")
        .order_by("district__code")
    )
    rows = []
    for n in nominations:
        dossier = getattr(n, "dossier", None)
        versions = sorted(n.versions.all(), key=lambda v: v.number)
        latest = versions[-1] if versions else None
        rows.append(
            [
                n.district.code,
                n.district.name_th,
                n.get_status_display(),
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
                latest.number if latest else None,
                latest.submitted_at if latest else None,
                latest.get_outcome_display() if latest else "",
            ]
        )
    return rows


def score_rows(programme: Programme) -> list[list[object]]:
    recused = set(
        Declaration.objects.filter(
            seat__programme=programme, has_conflict=True, ruling="upheld"
        ).values_list("seat_id", "nomination_id")
    )
    scores = (
        Score.objects.filter(sheet__seat__programme=programme)
        .select_related("criterion", "sheet__seat__user", "sheet__nomination__district")
        .order_by(
            "sheet__nomination__district__code",
            "sheet__seat__number",
            "criterion__order",
            "criterion__code",
        )
    )
    rows = []
    for score in scores:
        sheet, seat = score.sheet, score.sheet.seat
        counted = sheet.status == "submitted" and (seat.pk, sheet.nomination_id) not in recused
        rows.append(
            [
                sheet.nomination.district.code,
                sheet.nomination.district.name_th,
                seat.number,
                seat.holder_name or (seat.user.display_name if seat.user else ""),
                seat.post_th,
                sheet.get_status_display(),
                "นับ" if counted else "ไม่นับ",
                score.criterion.code,
                score.criterion.title_th,
                score.criterion.max_points,
                score.points,
                score.remark,
                sheet.submitted_at,
            ]
        )
    return rows


def exports_xlsx(programme: Programme) -> bytes:
    workbook = new_workbook()
    add_table_sheet(workbook, "การเสนอชื่อ", NOMINATION_HEADERS, nomination_rows(programme))
    add_table_sheet(workbook, "คะแนน", SCORE_HEADERS, score_rows(programme))
    return workbook_bytes(workbook)
