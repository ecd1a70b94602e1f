"""What every format of the report to superiors shares: the Thai wording of states and
rulings, the project period, and the template context."""

from decimal import Decimal

from rangwan.core.thai import MONTHS_TH, be_year, thai_digits
from rangwan.reports.queries import (
    INDICATOR_TEXT_TH,
    INDICATOR_UNIT_TH,
    ProgrammeReport,
    StepState,
)

STEP_STATE_TH = {
    StepState.DONE_ON_TIME: "แล้วเสร็จตามกำหนด",
    StepState.DONE_LATE: "แล้วเสร็จช้ากว่ากำหนด",
    StepState.OVERDUE: "เลยกำหนด ยังไม่แล้วเสร็จ",
    StepState.UPCOMING: "ยังไม่ถึงกำหนด",
}
CONFLICT_KIND_TH = {
    "same_district": "อยู่อำเภอเดียวกัน",
    "relative": "เป็นญาติ",
    "same_network": "อยู่เครือข่ายเดียวกัน",
    "other": "อื่น ๆ",
}
RULING_TH = {
    "upheld": "งดเว้นการให้คะแนนผลงานนี้",
    "dismissed": "ให้คะแนนได้",
    "pending": "รอประธานวินิจฉัย",
}
STATUS_TH = {
    "final": "ผลการคัดเลือกเป็นที่สุด",
    "provisional": "ผลการคัดเลือกเบื้องต้น ยังไม่เป็นที่สุด",
    "none": "ยังไม่ได้ประกาศผลการคัดเลือก",
}


def period_th(report: ProgrammeReport) -> str:
    start, end = report.programme.period_start, report.programme.period_end
    if be_year(start) == be_year(end):
        text = f"เดือน{MONTHS_TH[start.month - 1]} – {MONTHS_TH[end.month - 1]} {be_year(end)}"
    else:
        text = (
            f"เดือน{MONTHS_TH[start.month - 1]} {be_year(start)} – "
            f"{MONTHS_TH[end.month - 1]} {be_year(end)}"
        )
    return thai_digits(text)


def office_name(report: ProgrammeReport) -> str:
    province = report.programme.province
    office = getattr(province, "office", None)
    return office.name_th if office else f"จังหวัด{province.name_th}"


def points_th(value: Decimal | int | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, Decimal):
        value = value.normalize() if value == value.to_integral() else value
        text = format(value, "f")
    else:
        text = str(value)
    return thai_digits(text)


def document_context(report: ProgrammeReport) -> dict:
    rows = report.participation
    return {
        "report": report,
        "office_name": office_name(report),
        "period": period_th(report),
        "indicators": [
            (ind, INDICATOR_TEXT_TH.get(ind.code, ind.label), INDICATOR_UNIT_TH.get(ind.code, ""))
            for ind in report.indicators
        ],
        "counts": {
            "registered": sum(r.registered for r in rows),
            "submitted": sum(r.submitted for r in rows),
            "accepted": sum(r.accepted for r in rows),
        },
    }
