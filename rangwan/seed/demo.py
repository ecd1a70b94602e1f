"""The demo: Chachoengsao's FY 2568 programme as the seed describes it, with fictional
people. `manage.py load_demo` loads it; running it again changes nothing that exists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from rangwan.accounts.enums import Role
from rangwan.accounts.models import User
from rangwan.documents.demo import load_demo_letter
from rangwan.judging.enums import SeatRole
from rangwan.judging.models import CommitteeSeat
from rangwan.seed.chachoengsao import DISTRICTS, create_programme_2568, load_reference_data

DEMO_PASSWORD = "rangwan-demo-2568"  # noqa: S105 - printed for the demo on purpose

# The demo is as the office would see it: the three set-up steps done on time.
DONE_STEPS = {1: dt.date(2025, 1, 14), 2: dt.date(2025, 1, 15), 3: dt.date(2025, 1, 15)}

# The committee as the seed composes it; the four work groups are the provincial
# office's four; the holders' names are invented.
COMMITTEE = [
    ("พัฒนาการจังหวัดฉะเชิงเทรา", "Provincial community development officer", SeatRole.CHAIR),
    (
        "ผู้อำนวยการกลุ่มงานยุทธศาสตร์การพัฒนาชุมชน",
        "Director, community development strategy group",
        SeatRole.MEMBER,
    ),
    (
        "ผู้อำนวยการกลุ่มงานส่งเสริมและพัฒนาเศรษฐกิจฐานราก",
        "Director, grassroots economy group",
        SeatRole.MEMBER,
    ),
    (
        "ผู้อำนวยการกลุ่มงานส่งเสริมการพัฒนาชุมชน",
        "Director, community development promotion group",
        SeatRole.MEMBER,
    ),
    (
        "ผู้อำนวยการกลุ่มงานสารสนเทศการพัฒนาชุมชน",
        "Director, community development information group",
        SeatRole.MEMBER,
    ),
    (
        "ประธานคณะกรรมการพัฒนาสตรีจังหวัดฉะเชิงเทรา",
        "Chair, provincial women's development committee",
        SeatRole.MEMBER,
    ),
    (
        "ประธานคณะกรรมการชมรมผู้นำอาสาพัฒนาชุมชนจังหวัดฉะเชิงเทรา",
        "Chair, CD volunteer leaders' club",
        SeatRole.MEMBER,
    ),
    (
        "ประธานเครือข่ายกองทุนแม่ของแผ่นดินจังหวัดฉะเชิงเทรา",
        "Chair, provincial Mother-of-the-Land fund network",
        SeatRole.MEMBER,
    ),
    (
        "นักวิชาการพัฒนาชุมชนจังหวัดผู้รับผิดชอบงาน",
        "Provincial community development academic (assigned)",
        SeatRole.SECRETARY,
    ),
]

# Invented people: first names with their title, and invented family names.
FIRST_NAMES = [
    ("นาย", "ธนากร"),
    ("นาง", "พิมพ์ชนก"),
    ("นาย", "วรเชษฐ์"),
    ("นางสาว", "ณัฐชยา"),
    ("นาย", "กิตติพัฒน์"),
    ("นาง", "รัชนีกร"),
    ("นาย", "ปรเมศวร์"),
    ("นางสาว", "ชลธิชา"),
    ("นาย", "อภิวัฒน์"),
    ("นาง", "สุพรรษา"),
    ("นาย", "ภูริณัฐ"),
    ("นางสาว", "กัญญาณัฐ"),
]
FAMILY_NAMES = [
    "แสงอรุณวัฒนา",
    "ทองประเสริฐกุล",
    "ศรีสุขเจริญยิ่ง",
    "บุญรักษ์ธารา",
    "พงศ์พิพัฒน์ไพศาล",
    "วงศ์ศิริมงคลชัย",
    "อินทร์แก้วประภา",
    "จันทร์เพ็ญศรีสวัสดิ์",
    "เรืองฤทธิ์นันทกุล",
    "สุวรรณโชติวงศ์",
    "ชัยมงคลทรัพย์",
]


def fictional_name(n: int) -> tuple[str, str, str]:
    """The n-th invented person: (title, first name, family name)."""
    title, first = FIRST_NAMES[n % len(FIRST_NAMES)]
    return title, first, FAMILY_NAMES[(n * 7 + n // len(FIRST_NAMES)) % len(FAMILY_NAMES)]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    who: str


def _user(username: str, role: str, n: int, *, district=None, position="") -> DemoAccount:
    title, first, last = fictional_name(n)
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "district": district,
            "title": title,
            "first_name": first,
            "last_name": last,
            "position": position,
            # .test is reserved for testing: demo mail can never reach a real mailbox.
            "email": f"{username}@rangwan.test",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return DemoAccount(username, user.get_role_display(), user.display_name)


@transaction.atomic
def load_demo() -> list[DemoAccount]:
    # .test: the letter can be sent in the demo, and reaches nobody.
    province, districts = load_reference_data(office_email=lambda slug: f"cdd.{slug}@rangwan.test")
    programme, created = create_programme_2568(province, districts, done_steps=DONE_STEPS)

    accounts = [
        _user("secretariat", Role.SECRETARIAT, 0, position="นักวิชาการพัฒนาชุมชนชำนาญการ"),
        _user("viewer", Role.VIEWER, 1, position="ผู้อำนวยการกลุ่มงานยุทธศาสตร์การพัฒนาชุมชน"),
    ]
    for number, (post_th, post_en, role) in enumerate(COMMITTEE, start=1):
        account = _user(
            f"committee{number}",
            Role.COMMITTEE_CHAIR if role == SeatRole.CHAIR else Role.COMMITTEE_MEMBER,
            number + 1,
            position=post_th,
        )
        accounts.append(account)
        if created:
            user = User.objects.get(username=account.username)
            CommitteeSeat.objects.create(
                programme=programme,
                number=number,
                post_th=post_th,
                post_en=post_en,
                role=role,
                holder_name=user.display_name,
                user=user,
            )
    load_demo_letter(programme)
    for index, ((_code, name_th, _en, slug), district) in enumerate(
        zip(DISTRICTS, districts, strict=True)
    ):
        accounts.append(
            _user(
                f"staff.{slug}",
                Role.DISTRICT_STAFF,
                20 + index,
                district=district,
                position="นักวิชาการพัฒนาชุมชน",
            )
        )
        accounts.append(
            _user(
                f"head.{slug}",
                Role.DISTRICT_HEAD,
                40 + index,
                district=district,
                position=f"พัฒนาการอำเภอ{name_th}",
            )
        )
    return accounts
