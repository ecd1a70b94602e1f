"""The demo programme played through judging, as it could have happened in 2568.

Every district registers a pair, fills its dossier with a photo of the joint work, has
it certified by the district head and submits it; the secretariat accepts all eleven;
the order of presentation is drawn; the nine members declare (one conflict, upheld by
the chair) and score every dossier; the chair finalises the results. Everything goes
through the same service functions as the web pages, at the dates of the seed's
timetable (the clock is set to each step's date), so the audit chain, the dossier
versions and the frozen results are exactly what the real run would have left.

Scores are drawn from a fixed seed, so every run gives the same ranking: บ้านโพธิ์ wins.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import random
import zoneinfo
from decimal import Decimal
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from PIL import Image, ImageDraw

from rangwan.accounts.models import User
from rangwan.directory.models import NetworkKind, OfficerKind
from rangwan.judging import services as judging
from rangwan.judging.enums import ConflictKind, Ruling, SeatRole
from rangwan.nominations import services as nominations
from rangwan.nominations.enums import DisciplineRecord, EvidenceSection, ScreeningOutcome
from rangwan.programmes import services as programmes
from rangwan.programmes.enums import StepStatus
from rangwan.programmes.models import Programme
from rangwan.results import services as results
from rangwan.seed.chachoengsao import DISTRICTS
from rangwan.seed.demo import fictional_name

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
SEED = 2568
WINNER = "2405"  # บ้านโพธิ์

# district code -> (network kind, network name, member's role, work title, quality 0–1)
WORKS = {
    "2401": ("kkkj", "กข.คจ. บ้านหนองแหน", "ประธาน", "กองทุน กข.คจ. โปร่งใส ตรวจสอบได้", 0.78),
    "2402": ("savings", "กลุ่มออมทรัพย์ฯ บ้านปากน้ำ", "เหรัญญิก", "บัญชีกลุ่มออมทรัพย์ออนไลน์", 0.80),
    "2403": ("sorchortor", "ศอช.ต. โพรงอากาศ", "เลขานุการ", "ตำบลสุจริต ประชาชนมีส่วนร่วม", 0.74),
    "2404": ("korporsormor", "กพสม. บ้านท่าข้าม", "ประธาน", "สตรีบางปะกงร่วมต้านทุจริต", 0.71),
    "2405": ("kkkj", "กข.คจ. บ้านคลองประเวศ", "ประธาน", "ธนาคารความดี คนบ้านโพธิ์ไม่โกง", 0.93),
    "2406": ("savings", "กลุ่มออมทรัพย์ฯ บ้านเกาะขนุน", "ประธาน", "สัจจะออมทรัพย์ สร้างคนดี", 0.83),
    "2407": ("korporsortor", "กพสต. ดงน้อย", "รองประธาน", "ประชาคมหมู่บ้านใสสะอาด", 0.69),
    "2408": ("sorchortor", "ศอช.ต. คู้ยายหมี", "ประธาน", "ปราชญ์ชุมชนสอนความซื่อสัตย์", 0.76),
    "2409": ("kkkj", "กข.คจ. บ้านหนองไม้แก่น", "กรรมการ", "โครงการเงินยืมคืนตรงเวลา", 0.72),
    "2410": ("savings", "กลุ่มออมทรัพย์ฯ บ้านท่ากลอย", "ประธาน", "ชุมชนคุณธรรมท่าตะเกียบ", 0.79),
    "2411": ("korporsormor", "กพสม. บ้านก้อนแก้ว", "เลขานุการ", "คลองเขื่อนร่วมใจ ใช้เงินถูกทาง", 0.75),
}


@contextlib.contextmanager
def _clock(day: dt.date, hour: int = 10):
    """Let `timezone.now()` answer as at the given day and hour in Bangkok."""
    moment = dt.datetime.combine(day, dt.time(hour), tzinfo=BANGKOK)
    with mock.patch.object(timezone, "now", lambda: moment):
        yield


def _photo(code: str) -> SimpleUploadedFile:
    """A small invented picture (sky, field, people as dots): real JPEG, unique per
    district, so the dossier and the booklet have something to show."""
    rng = random.Random(f"{SEED}-{code}")  # noqa: S311 - a demo picture, not a secret
    image = Image.new("RGB", (960, 640), (135, 190, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 380, 960, 640), fill=(96, 160 + rng.randint(0, 40), 80))
    draw.polygon([(300, 380), (480, 230), (660, 380)], fill=(170, 60, 50))
    draw.rectangle((330, 380, 630, 520), fill=(235, 225, 200))
    for _ in range(9):
        x, y = rng.randint(60, 900), rng.randint(470, 600)
        colour = tuple(rng.randint(30, 220) for _ in range(3))
        draw.ellipse((x - 14, y - 60, x + 14, y - 32), fill=(230, 190, 150))
        draw.rectangle((x - 18, y - 32, x + 18, y + 20), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return SimpleUploadedFile(f"{code}.jpg", buffer.getvalue(), content_type="image/jpeg")


def _dossier(code: str, district_name: str, title: str) -> dict:
    return {
        "years_in_position": 3 + int(code[-2:]) % 9,
        "discipline": DisciplineRecord.NEVER_PUNISHED,
        "discipline_note": "",
        "conduct_1": "ปฏิบัติงานตามระเบียบ ไม่รับสินบนหรือของกำนัลจากผู้มารับบริการ",
        "conduct_2": f"ร่วมรณรงค์ต่อต้านการทุจริตในหมู่บ้านของอำเภอ{district_name}",
        "conduct_3": "เผยแพร่ข้อมูลการใช้จ่ายงบประมาณของกองทุนให้สมาชิกทราบทุกเดือน",
        "conduct_4": "ให้บริการประชาชนนอกเวลาราชการเมื่อมีความจำเป็น",
        "conduct_5": "จิตอาสาพัฒนาวัดและโรงเรียนในชุมชน",
        "work_title": title,
        "work_steps": (
            "๑. ประชุมคณะกรรมการและสมาชิกเพื่อวางแผน\n"
            "๒. จัดทำบัญชีและเอกสารให้ตรวจสอบได้\n"
            "๓. เปิดเผยข้อมูลต่อสมาชิกทุกเดือน\n"
            "๔. ติดตามและประเมินผลร่วมกัน"
        ),
        "work_start": dt.date(2025, 1, 10),
        "work_end": dt.date(2025, 4, 10),
        "work_results": "สมาชิกเชื่อมั่นในการบริหารงานมากขึ้น ไม่มีข้อร้องเรียนตลอดโครงการ",
        "work_use": "ขยายผลไปยังหมู่บ้านข้างเคียงและใช้เป็นแหล่งเรียนรู้ของอำเภอ",
    }


def _marks(sheet, quality: float, rng: random.Random) -> dict:
    marks = {}
    for score in sheet.scores.select_related("criterion"):
        top = int(score.criterion.max_points)
        if score.criterion.code == "1":
            points = top  # never punished: full marks on discipline
        else:
            share = min(1.0, max(0.3, rng.gauss(quality, 0.06)))
            points = max(1, min(top, round(top * share)))
        note = "ครบถ้วนตามเกณฑ์" if points == top else "ตามเอกสารและการนำเสนอ"
        marks[score.criterion_id] = (Decimal(points), note)
    return marks


def programme_is_played(programme: Programme) -> bool:
    return programme.nominations.exists()


def play_through_judging(programme: Programme) -> bool:
    """Play the programme from registration to final results. Does nothing (and says
    so by returning False) when any district has already registered. The demo's
    people are invented: no e-mail is sent on their behalf."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        return _play(programme)


@transaction.atomic
def _play(programme: Programme) -> bool:
    if programme_is_played(programme):
        return False
    rng = random.Random(SEED)  # noqa: S311 - repeatable demo scores, not a secret
    secretariat = User.objects.get(username="secretariat")
    officer_kind = OfficerKind.objects.get(code="phatthanakon")
    volunteer_kind = OfficerKind.objects.get(code="aor-sor-por")
    seats = list(programme.seats.select_related("user").order_by("number"))
    chair = next(seat for seat in seats if seat.role == SeatRole.CHAIR).user

    entries = []
    for index, (code, name_th, _en, slug) in enumerate(DISTRICTS):
        kind_code, network_name, member_role, title, quality = WORKS[code]
        staff = User.objects.get(username=f"staff.{slug}")
        head = User.objects.get(username=f"head.{slug}")
        officer_title, officer_first, officer_last = fictional_name(60 + index)
        member_title, member_first, member_last = fictional_name(80 + index)
        with _clock(dt.date(2025, 2, 3) + dt.timedelta(days=index)):
            nomination = nominations.register_pair(
                programme=programme,
                district=staff.district,
                actor=staff,
                officer={
                    "title": officer_title,
                    "first_name": officer_first,
                    "last_name": officer_last,
                    "position": "นักวิชาการพัฒนาชุมชน" if index % 4 else "เจ้าพนักงานพัฒนาชุมชน",
                },
                officer_kind=volunteer_kind if index == 7 else officer_kind,
                member={
                    "title": member_title,
                    "first_name": member_first,
                    "last_name": member_last,
                    "position": "",
                },
                network_kind=NetworkKind.objects.get(code=kind_code),
                network_name=network_name,
                member_role=member_role,
            )
        with _clock(dt.date(2025, 4, 7) + dt.timedelta(days=index)):
            nominations.save_dossier(
                nomination=nomination, actor=staff, revision=0, **_dossier(code, name_th, title)
            )
            nominations.add_evidence(
                nomination=nomination,
                actor=staff,
                upload=_photo(code),
                section=EvidenceSection.JOINT_WORK,
                caption=f"ประชุมชี้แจงสมาชิก {network_name}",
            )
        with _clock(dt.date(2025, 4, 24), 9 + index % 7):
            nominations.certify_dossier(
                nomination=nomination,
                actor=head,
                certifier_name=head.display_name,
                certifier_position=f"พัฒนาการอำเภอ{name_th}",
            )
            nominations.submit_dossier(
                nomination=nomination, actor=staff, officer_confirmed=True, member_confirmed=True
            )
        entries.append((nomination, quality))

    with _clock(dt.date(2025, 5, 2)):
        for nomination, _quality in entries:
            nominations.screen_dossier(
                nomination=nomination, actor=secretariat, outcome=ScreeningOutcome.ACCEPTED
            )
            nomination.refresh_from_db()
    with _clock(dt.date(2025, 5, 12)):
        meeting = judging.save_meeting(
            programme=programme,
            actor=secretariat,
            date=dt.date(2025, 5, 20),
            start_time=dt.time(9, 0),
            slot_minutes=20,
            place="ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดฉะเชิงเทรา",
        )
        judging.draw_order(meeting=meeting, actor=secretariat)

    conflicted = (seats[3], entries[0][0])  # member 4 is from เมืองฉะเชิงเทรา
    with _clock(dt.date(2025, 5, 20), 8):
        for seat in seats:
            for nomination, _quality in entries:
                if (seat, nomination) == conflicted:
                    declaration = judging.declare(
                        seat=seat,
                        nomination=nomination,
                        actor=seat.user,
                        has_conflict=True,
                        kind=ConflictKind.SAME_DISTRICT,
                        reason="เคยปฏิบัติงานร่วมกับพัฒนากรผู้ถูกเสนอชื่อในอำเภอเดียวกัน",
                    )
                    judging.rule_on_conflict(
                        declaration=declaration,
                        actor=chair,
                        ruling=Ruling.UPHELD,
                        note="ให้งดเว้นการให้คะแนนผลงานของอำเภอนี้",
                    )
                else:
                    judging.declare(
                        seat=seat, nomination=nomination, actor=seat.user, has_conflict=False
                    )
    with _clock(dt.date(2025, 5, 20), 16):
        for seat in seats:
            for nomination, quality in entries:
                if (seat, nomination) == conflicted:
                    continue
                sheet = judging.open_sheet(seat=seat, nomination=nomination, actor=seat.user)
                marks = _marks(sheet, quality, rng)
                sheet = judging.save_sheet(sheet=sheet, actor=seat.user, version=0, scores=marks)
                judging.submit_sheet(sheet=sheet, actor=seat.user, version=sheet.version)
    with _clock(dt.date(2025, 5, 23)):
        results.finalise_results(programme=programme, actor=chair)
        for number, done_on in ((4, dt.date(2025, 4, 30)), (5, dt.date(2025, 5, 23))):
            step = programme.steps.get(number=number)
            programmes.update_work_plan_step(
                step=step, actor=secretariat, status=StepStatus.DONE, done_on=done_on, remark=""
            )
    return True
