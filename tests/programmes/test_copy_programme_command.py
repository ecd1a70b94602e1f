import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rangwan.audit.models import AuditEntry
from rangwan.judging.models import CommitteeSeat, Rubric
from rangwan.programmes.models import Programme, WorkPlanStep
from tests.factories import ProgrammeFactory


def copy_programme(*args: str) -> str:
    out = StringIO()
    call_command("copy_programme", *args, stdout=out)
    return out.getvalue()


def test_copy_programme_creates_next_year_and_says_what_in_thai_and_english(demo, users):
    output = copy_programme("--from-year", "2568", "--actor", "secretariat")
    copy = Programme.objects.get(fiscal_year=2569)
    assert copy.copied_from == demo
    assert copy.dossier_deadline == dt.date(2026, 4, 30)
    assert copy.steps.count() == 8 and copy.seats.count() == 9
    assert f"สร้างโครงการหมายเลข {copy.pk} ของปีงบประมาณ 2569 แล้ว" in output
    assert f"Created programme {copy.pk} for fiscal year 2569." in output
    assert "ชื่อย่อ: ๑ พัฒนากร ๑ เครือข่ายการพัฒนา ๒๕๖๙" in output
    assert "กำหนดส่งแบบเสนอผลงาน: 30 เม.ย. 2568 → 30 เม.ย. 2569" in output
    assert "dossier deadline: 30 Apr 2568 → 30 Apr 2569" in output
    assert "เกณฑ์การพิจารณา: 100 คะแนน" in output and "Rubric: 100 points" in output
    assert "Committee seats: 9" in output and "ตำแหน่งกรรมการ: 9 ตำแหน่ง" in output
    assert "Work plan: 8 steps, all not started" in output
    assert output.index("สร้างโครงการ") < output.index("Created programme")


def test_copy_programme_writes_the_audit_entries_the_web_page_writes(demo, users):
    copy_programme("--from-year", "2568", "--actor", "secretariat")
    copy = Programme.objects.get(fiscal_year=2569)
    entry = AuditEntry.objects.get(action="programme.copy", object_id=str(copy.pk))
    assert entry.actor == users["secretariat"]
    assert entry.before == {"copied_from": demo.pk}
    rubric = AuditEntry.objects.get(action="rubric.save", object_id=str(copy.rubric.pk))
    assert rubric.actor == users["secretariat"]


def test_copy_programme_dry_run_writes_nothing(demo, users):
    counts = (
        Programme.objects.count(),
        WorkPlanStep.objects.count(),
        CommitteeSeat.objects.count(),
        Rubric.objects.count(),
        AuditEntry.objects.count(),
    )
    output = copy_programme("--from-year", "2568", "--actor", "secretariat", "--dry-run")
    assert "ทดลองตรวจสอบ: จะสร้างโครงการของปีงบประมาณ 2569" in output
    assert "Dry run: would create programme for fiscal year 2569 (nothing was written)." in output
    assert "Work plan: 8 steps" in output
    assert counts == (
        Programme.objects.count(),
        WorkPlanStep.objects.count(),
        CommitteeSeat.objects.count(),
        Rubric.objects.count(),
        AuditEntry.objects.count(),
    )


def test_copy_programme_when_target_exists_is_refused(demo, users):
    copy_programme("--from-year", "2568", "--actor", "secretariat")
    entries = AuditEntry.objects.count()
    with pytest.raises(CommandError) as refusal:
        copy_programme("--from-year", "2568", "--actor", "secretariat")
    assert "ของปีงบประมาณ 2569 อยู่แล้ว" in str(refusal.value)
    assert "for fiscal year 2569 already exists" in str(refusal.value)
    assert Programme.objects.filter(fiscal_year=2569).count() == 1
    assert AuditEntry.objects.count() == entries


def test_copy_programme_dry_run_when_target_exists_is_refused(demo, users):
    copy_programme("--from-year", "2568", "--actor", "secretariat")
    with pytest.raises(CommandError, match="already exists"):
        copy_programme("--from-year", "2568", "--actor", "secretariat", "--dry-run")


def test_copy_programme_without_a_source_is_refused(demo, users):
    with pytest.raises(CommandError) as refusal:
        copy_programme("--from-year", "2567", "--actor", "secretariat")
    assert "ไม่มีโครงการของปีงบประมาณ 2567 ให้คัดลอก" in str(refusal.value)
    assert "There is no programme for fiscal year 2567 to copy." in str(refusal.value)


@pytest.mark.parametrize(
    "role", ["district_staff", "district_head", "committee_member", "committee_chair", "viewer"]
)
def test_copy_programme_by_an_actor_who_is_not_secretariat_is_refused(demo, users, role):
    with pytest.raises(CommandError, match="Only the secretariat may copy a programme"):
        copy_programme("--from-year", "2568", "--actor", users[role].username)
    assert not Programme.objects.filter(fiscal_year=2569).exists()


def test_copy_programme_by_an_unknown_actor_is_refused(demo):
    with pytest.raises(CommandError, match="No user named “nobody”"):
        copy_programme("--from-year", "2568", "--actor", "nobody")


def test_copy_programme_to_a_later_year_moves_dates_as_many_years(demo, users):
    output = copy_programme("--from-year", "๒๕๖๘", "--to-year", "2570", "--actor", "secretariat")
    copy = Programme.objects.get(fiscal_year=2570)
    assert copy.dossier_deadline == dt.date(2027, 4, 30)
    assert "๒๕๗๐" in copy.short_name_th
    assert "Dates and deadlines, moved 2 years on:" in output
    assert copy.steps.order_by("number").first().due_date == dt.date(2027, 1, 15)


def test_copy_programme_to_an_earlier_year_is_refused(demo, users):
    with pytest.raises(CommandError, match="only be copied into a later year than 2568"):
        copy_programme("--from-year", "2568", "--to-year", "2568", "--actor", "secretariat")


def test_copy_programme_with_two_programmes_that_year_asks_which(demo, users):
    other = ProgrammeFactory(fiscal_year=2568)
    with pytest.raises(CommandError, match="choose one with --programme") as refusal:
        copy_programme("--from-year", "2568", "--actor", "secretariat")
    assert f"  {other.pk}  " in str(refusal.value)
    copy_programme("--from-year", "2568", "--programme", str(demo.pk), "--actor", "secretariat")
    assert Programme.objects.get(fiscal_year=2569).copied_from == demo
