import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from rangwan.directory.models import NetworkKind, OfficerKind
from rangwan.nominations import services
from rangwan.nominations.enums import DisciplineRecord, EvidenceSection

# Inside the demo programme's windows: names by 14 Feb 2568, dossier by 30 Apr 2568.
BEFORE_NAMES = dt.datetime(2025, 2, 1, 10, 0)
BEFORE_DOSSIER = dt.datetime(2025, 4, 1, 10, 0)

OFFICER = {
    "title": "นาย",
    "first_name": "สมมติ",
    "last_name": "ใจซื่อ",
    "position": "นักวิชาการพัฒนาชุมชน",
}
MEMBER = {"title": "นาง", "first_name": "สมมุติ", "last_name": "รักถิ่น", "position": ""}

COMPLETE_DOSSIER = {
    "years_in_position": 6,
    "discipline": DisciplineRecord.NEVER_PUNISHED,
    "discipline_note": "",
    "conduct_1": "ปฏิบัติตามระเบียบอย่างเคร่งครัด",
    "conduct_2": "แจ้งเบาะแสการทุจริตต่อหน่วยงาน",
    "conduct_3": "ส่งเสริมการตรวจสอบการใช้งบประมาณของหมู่บ้าน",
    "conduct_4": "ทำงานนอกเวลาราชการเพื่อประชาชน",
    "conduct_5": "จิตอาสาพัฒนาวัด",
    "work_title": "กองทุนแม่ของแผ่นดินโปร่งใส ตรวจสอบได้",
    "work_steps": "ประชุม วางแผน จัดทำบัญชี เผยแพร่",
    "work_start": dt.date(2025, 1, 10),
    "work_end": dt.date(2025, 4, 10),
    "work_results": "บัญชีกองทุนเปิดเผยต่อสมาชิกทุกเดือน",
    "work_use": "ขยายผลไปยัง ๓ หมู่บ้าน",
}


def photo_bytes(fmt="JPEG", size=(64, 48), exif=None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 120, 40))
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def upload(name="photo.jpg", data=None, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, photo_bytes() if data is None else data, content_type)


@pytest.fixture
def staff(users):
    return users["district_staff"]


@pytest.fixture
def head(users):
    return users["district_head"]


@pytest.fixture
def register(demo, staff, time_at):
    def do(**changes):
        time_at(BEFORE_NAMES)
        fields = {
            "programme": demo,
            "district": staff.district,
            "actor": staff,
            "officer": OFFICER,
            "officer_kind": OfficerKind.objects.get(code="phatthanakon"),
            "member": MEMBER,
            "network_kind": NetworkKind.objects.get(code="mae-phaendin"),
            "network_name": "กองทุนแม่ของแผ่นดินบ้านหนองไม้แดง",
            "member_role": "ประธาน",
        }
        return services.register_pair(**(fields | changes))

    return do


@pytest.fixture
def nomination(register):
    return register()


@pytest.fixture
def complete(nomination, staff, time_at):
    """A registered pair with a complete dossier and one photo of the joint work."""
    time_at(BEFORE_DOSSIER)
    services.save_dossier(nomination=nomination, actor=staff, revision=0, **COMPLETE_DOSSIER)
    services.add_evidence(
        nomination=nomination,
        actor=staff,
        upload=upload(),
        section=EvidenceSection.JOINT_WORK,
        caption="ประชุมกองทุน",
    )
    nomination.refresh_from_db()
    return nomination


@pytest.fixture
def submitted(complete, staff, head):
    services.certify_dossier(
        nomination=complete,
        actor=head,
        certifier_name=head.display_name,
        certifier_position="พัฒนาการอำเภอบางคล้า",
    )
    services.submit_dossier(
        nomination=complete, actor=staff, officer_confirmed=True, member_confirmed=True
    )
    complete.refresh_from_db()
    return complete


@pytest.fixture(scope="session")
def _s3_bucket_made():
    made = set()

    def make(storage):
        # CI's production-settings run names a bucket in an S3-compatible store.
        if storage.bucket_name not in made:
            client = storage.connection.meta.client
            existing = {b["Name"] for b in client.list_buckets().get("Buckets", [])}
            if storage.bucket_name not in existing:
                client.create_bucket(Bucket=storage.bucket_name)
            made.add(storage.bucket_name)

    return make


@pytest.fixture(autouse=True)
def stored_evidence(settings, tmp_path, _s3_bucket_made):
    """Each test keeps its private files to itself: in folders under tmp_path, or, when
    the settings name an S3 bucket (production settings), under a prefix of its own in
    that bucket. Gives a function listing the evidence files stored, through the
    storage API, so a test reads the same on either."""
    import uuid

    from django.core.files.storage import storages

    from rangwan.core.backup import stored_files

    if settings.S3_BUCKET:
        prefix = f"tests/{uuid.uuid4().hex}"
        settings.STORAGES = {
            **settings.STORAGES,
            **{
                alias: {
                    **settings.STORAGES[alias],
                    "OPTIONS": {
                        **settings.STORAGES[alias]["OPTIONS"],
                        "location": f"{prefix}/{alias}",
                    },
                }
                for alias in ("evidence", "generated")
            },
        }
        _s3_bucket_made(storages["evidence"])
    else:
        settings.STORAGES = {
            **settings.STORAGES,
            "evidence": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(tmp_path / "evidence"), "base_url": "/no-public-url/"},
            },
            "generated": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {
                    "location": str(tmp_path / "generated"),
                    "base_url": "/no-public-url/",
                },
            },
        }
    return lambda: stored_files("evidence")


@pytest.fixture
def accepted(submitted, users):
    """The submitted dossier, accepted at screening: ready for the committee."""
    from rangwan.nominations.enums import ScreeningOutcome

    services.screen_dossier(
        nomination=submitted, actor=users["secretariat"], outcome=ScreeningOutcome.ACCEPTED
    )
    submitted.refresh_from_db()
    return submitted


@pytest.fixture
def judged_programme(demo, users, register, time_at):
    """Two accepted dossiers (บางคล้า, เมืองฉะเชิงเทรา), scored by members 1–6 (the quorum
    of 9 is 6). บางคล้า scores 35 on the joint work, เมือง 30; everything else is full."""
    from rangwan.accounts.models import User
    from rangwan.judging import services as scoring
    from rangwan.nominations.enums import ScreeningOutcome

    nominations = []
    for code, work in (("2402", "35"), ("2401", "30")):
        staff = User.objects.get(username="staff.bangkhla" if code == "2402" else "staff.mueang")
        head = User.objects.get(username="head.bangkhla" if code == "2402" else "head.mueang")
        nomination = register(district=staff.district, actor=staff, officer=OFFICER, member=MEMBER)
        time_at(BEFORE_DOSSIER)
        services.save_dossier(nomination=nomination, actor=staff, revision=0, **COMPLETE_DOSSIER)
        services.add_evidence(
            nomination=nomination, actor=staff, upload=upload(), section="joint_work"
        )
        services.certify_dossier(
            nomination=nomination, actor=head, certifier_name="ก", certifier_position="ข"
        )
        services.submit_dossier(
            nomination=nomination, actor=staff, officer_confirmed=True, member_confirmed=True
        )
        services.screen_dossier(
            nomination=nomination, actor=users["secretariat"], outcome=ScreeningOutcome.ACCEPTED
        )
        nomination.refresh_from_db()
        nominations.append((nomination, work))
    for number in range(1, 7):
        seat = demo.seats.get(number=number)
        for nomination, work in nominations:
            scoring.declare(seat=seat, nomination=nomination, actor=seat.user, has_conflict=False)
            sheet = scoring.open_sheet(seat=seat, nomination=nomination, actor=seat.user)
            marks = {
                s.criterion_id: (
                    work if s.criterion.code == "3" else s.criterion.max_points,
                    "ตามเอกสารและการนำเสนอ",
                )
                for s in sheet.scores.select_related("criterion")
            }
            sheet = scoring.save_sheet(sheet=sheet, actor=seat.user, version=0, scores=marks)
            scoring.submit_sheet(sheet=sheet, actor=seat.user, version=sheet.version)
    return demo, [n for n, _work in nominations]


@pytest.fixture
def final_results(judged_programme):
    """judged_programme with its results finalised by the chair: บางคล้า wins."""
    from rangwan.results import services as results_services

    programme, nominations = judged_programme
    chair = programme.seats.get(role="chair").user
    results = results_services.finalise_results(programme=programme, actor=chair)
    return programme, nominations, results
