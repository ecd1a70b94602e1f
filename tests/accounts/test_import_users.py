import csv
import stat
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from rangwan.accounts.enums import Role
from rangwan.accounts.models import User
from rangwan.audit.models import AuditEntry

SAMPLE = Path(settings.BASE_DIR) / "docs" / "samples" / "district-staff.csv"
HEADER = "username,title,first_name,last_name,email,role,district,position,phone\n"


BAD_FILE = (
    HEADER
    + "ok.one,นาย,สมชาย,ใจดี,ok.one@x.test,เจ้าหน้าที่อำเภอ,บางคล้า,,\n"  # row 2: fine
    + "OK.One,นาง,สมหญิง,ใจดี,ok.two@x.test,district_head,2402,,\n"  # 3: twice
    + "bad three,นาย,สม,,not-an-email,chef,อำเภอไม่มี,,\n"  # 4: five problems
    + "viewer.four,นาย,สม,ดี,v@x.test,viewer,2402,,\n"  # 5: a viewer with a district
    + "head.five,นาย,สม,ดี,h@x.test,พัฒนาการอำเภอ,,,\n"  # 6: a head without one
    + ",นาย,สม,ดี,n@x.test,district_staff,2401,,\n"  # 7: no user name
    + "ok.eight,นาย,สม,ดี,e@x.test,district_staff,2401,,,extra\n"  # 8: a cell too many
)


def import_users(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_users", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write_csv(tmp_path, text: str, *, bom: bool = False) -> Path:
    path = tmp_path / "accounts.csv"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def read_passwords(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return {row["username"]: row for row in csv.DictReader(file)}


def test_import_users_creates_every_account_of_the_sample(users, tmp_path):
    passwords = tmp_path / "passwords.csv"
    out, _ = import_users(SAMPLE, "--actor", "secretariat", "--passwords-out", passwords)
    created = User.objects.filter(email__endswith="@cdd-chachoengsao.test")
    assert created.count() == 22
    assert {u.district.name_th for u in created} == {
        "เมืองฉะเชิงเทรา", "บางคล้า", "บางน้ำเปรี้ยว", "บางปะกง", "บ้านโพธิ์", "พนมสารคาม",
        "ราชสาส์น", "สนามชัยเขต", "แปลงยาว", "ท่าตะเกียบ", "คลองเขื่อน",
    }  # fmt: skip
    assert created.filter(role=Role.DISTRICT_STAFF).count() == 11
    assert created.filter(role=Role.DISTRICT_HEAD).count() == 11
    head = User.objects.get(username="chutima.k")
    assert (head.title, head.first_name, head.last_name) == ("นาง", "ชุติมา", "แก้วมณี")
    assert (head.role, head.district.code) == (Role.DISTRICT_HEAD, "2402")
    assert not head.is_staff and not head.is_superuser and head.is_active
    assert "สร้างบัญชีแล้ว 22 บัญชี:" in out and "Created 22 accounts:" in out
    assert "chutima.k  District head  Bang Khla" in out
    assert "chutima.k  พัฒนาการอำเภอ  บางคล้า" in out


def test_import_users_passwords_go_only_to_a_file_readable_by_its_owner(users, tmp_path):
    passwords = tmp_path / "passwords.csv"
    out, _ = import_users(SAMPLE, "--actor", "secretariat", "--passwords-out", passwords)
    assert stat.S_IMODE(passwords.stat().st_mode) == 0o600
    rows = read_passwords(passwords)
    assert len(rows) == 22
    for username, row in rows.items():
        assert User.objects.get(username=username).check_password(row["password"])
        assert len(row["password"]) == 16
        assert row["password"] not in out
    assert len({row["password"] for row in rows.values()}) == 22
    assert rows["onuma.j"]["district"] == "2405"


def test_import_users_writes_an_audit_entry_per_account_without_the_password(users, tmp_path):
    import_users(SAMPLE, "--actor", "secretariat", "--passwords-out", tmp_path / "p.csv")
    entries = AuditEntry.objects.filter(action="user.create")
    assert entries.count() == 22
    assert {entry.actor for entry in entries} == {users["secretariat"]}
    entry = entries.get(object_id=str(User.objects.get(username="onuma.j").pk))
    assert entry.after["username"] == "onuma.j"
    assert entry.after["role"] == Role.DISTRICT_STAFF
    assert "password" not in entry.after
    call_command("verify_audit", stdout=StringIO())


def test_import_users_dry_run_writes_nothing(users, tmp_path):
    accounts, entries = User.objects.count(), AuditEntry.objects.count()
    passwords = tmp_path / "passwords.csv"
    out, _ = import_users(
        SAMPLE, "--actor", "secretariat", "--dry-run", "--passwords-out", passwords
    )
    assert "ทดลองตรวจสอบ: จะสร้างบัญชี 22 บัญชี (ยังไม่ได้บันทึกสิ่งใด):" in out
    assert "Dry run: would create 22 accounts (nothing was written):" in out
    assert (User.objects.count(), AuditEntry.objects.count()) == (accounts, entries)
    assert not passwords.exists()


def test_import_users_with_problems_writes_nothing(users, tmp_path):
    path = write_csv(tmp_path, BAD_FILE)
    accounts, entries = User.objects.count(), AuditEntry.objects.count()
    passwords = tmp_path / "passwords.csv"
    with pytest.raises(CommandError) as refusal:
        import_users(path, "--actor", "secretariat", "--passwords-out", passwords)
    assert "พบปัญหา 10 รายการในไฟล์" in str(refusal.value)
    assert "10 problems in" in str(refusal.value) and "nothing was written" in str(refusal.value)
    assert (User.objects.count(), AuditEntry.objects.count()) == (accounts, entries)
    assert not User.objects.filter(username="ok.one").exists()
    assert not passwords.exists()


def test_import_users_names_each_problem_with_its_row_in_thai_and_english(users, tmp_path):
    path = write_csv(tmp_path, BAD_FILE)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_users", str(path), "--actor", "secretariat", "--dry-run", stderr=err)
    report = err.getvalue()
    for line in [
        "Row 3, column “username”: The user name “OK.One” is also on row 2.",
        "แถวที่ 3 คอลัมน์ “username”: ชื่อผู้ใช้ “OK.One” ซ้ำกับแถวที่ 2",
        "Row 4, column “last_name”: This cell is empty.",
        "แถวที่ 4 คอลัมน์ “last_name”: ช่องนี้ว่าง",
        "Row 4, column “role”: Unknown role “chef”.",
        "แถวที่ 4 คอลัมน์ “role”: ไม่รู้จักบทบาท “chef”",
        "Row 4, column “district”: Unknown district “อำเภอไม่มี”.",
        "Row 4, column “username”: Enter a valid username.",
        "Row 4, column “email”: Enter a valid email address.",
        "Row 5, column “district”: A Viewer (superiors) account has no district",
        "แถวที่ 5 คอลัมน์ “district”: บัญชีของผู้บังคับบัญชา (ดูรายงาน)ไม่มีอำเภอ",
        "Row 6: A District head account needs a district.",
        "แถวที่ 6: บัญชีของพัฒนาการอำเภอต้องระบุอำเภอ",
        "Row 7, column “username”: This cell is empty.",
        "Row 8: This row has 10 cells but the header has 9.",
        "แถวที่ 8: แถวนี้มี 10 ช่อง แต่แถวหัวตารางมี 9 ช่อง",
    ]:
        assert line in report
    assert "Row 2" not in report
    assert report.index("แถวที่ 3") < report.index("Row 3")


def test_import_users_is_all_or_nothing(users, tmp_path):
    rows = "".join(f"good.{n},นาย,สม,ดี,good.{n}@x.test,district_staff,2401,,\n" for n in range(5))
    path = write_csv(tmp_path, HEADER + rows + "bad,นาย,สม,ดี,bad@x.test,district_staff,9999,,\n")
    with pytest.raises(CommandError, match="1 problem in"):
        import_users(path, "--actor", "secretariat", "--passwords-out", tmp_path / "p.csv")
    assert not User.objects.filter(username__startswith="good.").exists()
    assert not AuditEntry.objects.filter(action="user.create").exists()


@pytest.mark.parametrize("bom", [True, False])
def test_import_users_reads_utf8_with_or_without_bom(users, tmp_path, bom):
    path = write_csv(
        tmp_path, HEADER + "somsri.k,นาง,สมศรี,ขยัน,somsri@x.test,เจ้าหน้าที่อำเภอ,บางคล้า,,\n", bom=bom
    )
    import_users(path, "--actor", "secretariat", "--passwords-out", tmp_path / "p.csv")
    assert User.objects.get(username="somsri.k").first_name == "สมศรี"


def test_import_users_refuses_a_file_that_is_not_utf8(users, tmp_path):
    path = tmp_path / "excel-thai.csv"
    path.write_bytes((HEADER + "a,นาย,สม,ดี,a@x.test,district_staff,2401,,\n").encode("cp874"))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_users", str(path), "--actor", "secretariat", "--dry-run", stderr=err)
    assert "Line 2 is not UTF-8 text." in err.getvalue()
    assert "บรรทัดที่ 2 ไม่ใช่ข้อความ UTF-8" in err.getvalue()


def test_import_users_accepts_codes_thai_and_english_names(users, tmp_path):
    path = write_csv(
        tmp_path,
        "ชื่อผู้ใช้,คำนำหน้า,ชื่อ,นามสกุล,อีเมล,บทบาท,อำเภอ,ตำแหน่ง,โทรศัพท์\n"
        "u.code,นาย,ก,ข,a@x.test,district_staff,2402,,\n"
        "u.thai.digits,นาย,ก,ข,b@x.test,พัฒนาการอำเภอ,๒๔๐๓,,\n"
        "u.amphoe,นาย,ก,ข,c@x.test,เจ้าหน้าที่อำเภอ,อำเภอบางปะกง,,\n"
        "u.english,นาย,ก,ข,d@x.test,District Head,ban pho,,\n"
        "u.viewer,นาย,ก,ข,e@x.test,ผู้บังคับบัญชา,,,\n"
        "u.chair,นาย,ก,ข,f@x.test,ประธานกรรมการ,,,\n",
    )
    import_users(path, "--actor", "secretariat", "--passwords-out", tmp_path / "p.csv")
    found = {
        u.username: (u.role, u.district.code if u.district else None)
        for u in User.objects.filter(username__startswith="u.")
    }
    assert found == {
        "u.code": (Role.DISTRICT_STAFF, "2402"),
        "u.thai.digits": (Role.DISTRICT_HEAD, "2403"),
        "u.amphoe": (Role.DISTRICT_STAFF, "2404"),
        "u.english": (Role.DISTRICT_HEAD, "2405"),
        "u.viewer": (Role.VIEWER, None),
        "u.chair": (Role.COMMITTEE_CHAIR, None),
    }


def test_import_users_leaves_existing_accounts_as_they_are(users, tmp_path):
    path = write_csv(
        tmp_path,
        HEADER
        + "Staff.BangKhla,นาย,ใหม่,ใหม่,new@x.test,district_head,2401,,\n"
        + "new.one,นาย,สม,ดี,new.one@x.test,district_staff,2401,,\n",
    )
    passwords = tmp_path / "p.csv"
    out, _ = import_users(path, "--actor", "secretariat", "--passwords-out", passwords)
    existing = User.objects.get(username="staff.bangkhla")
    assert (existing.role, existing.district.code) == (Role.DISTRICT_STAFF, "2402")
    assert existing.email != "new@x.test"
    assert "Left as it is: 1 account that already exists:" in out
    assert "คงไว้ตามเดิม: บัญชีที่มีอยู่แล้ว 1 บัญชี:" in out
    assert list(read_passwords(passwords)) == ["new.one"]


def test_import_users_with_only_existing_accounts_writes_no_password_file(users, tmp_path):
    path = write_csv(tmp_path, HEADER + "staff.bangkhla,นาย,ก,ข,a@x.test,district_staff,2402,,\n")
    passwords = tmp_path / "p.csv"
    out, _ = import_users(path, "--actor", "secretariat", "--passwords-out", passwords)
    assert "Created 0 accounts:" in out
    assert not passwords.exists()


def test_import_users_refuses_to_overwrite_the_password_file(users, tmp_path):
    passwords = tmp_path / "passwords.csv"
    passwords.write_text("keep me")
    with pytest.raises(CommandError) as refusal:
        import_users(SAMPLE, "--actor", "secretariat", "--passwords-out", passwords)
    assert "already exists: give a new file name" in str(refusal.value)
    assert "มีไฟล์" in str(refusal.value)
    assert passwords.read_text() == "keep me"
    assert not User.objects.filter(username="onuma.j").exists()


def test_import_users_refuses_a_link_in_place_of_the_password_file(users, tmp_path):
    target = tmp_path / "elsewhere.csv"
    passwords = tmp_path / "passwords.csv"
    passwords.symlink_to(target)
    with pytest.raises(CommandError, match="already exists"):
        import_users(SAMPLE, "--actor", "secretariat", "--passwords-out", passwords)
    assert not target.exists()


def test_import_users_needs_a_password_file_unless_dry_run(users):
    with pytest.raises(CommandError, match="--passwords-out"):
        import_users(SAMPLE, "--actor", "secretariat")
    assert not User.objects.filter(username="onuma.j").exists()


@pytest.mark.parametrize(
    "role", ["district_staff", "district_head", "committee_member", "committee_chair", "viewer"]
)
def test_import_users_by_an_actor_who_is_not_secretariat_is_refused(users, tmp_path, role):
    with pytest.raises(CommandError, match="Only the secretariat may create accounts"):
        import_users(SAMPLE, "--actor", users[role].username, "--passwords-out", tmp_path / "p.csv")
    assert not User.objects.filter(username="onuma.j").exists()
    assert not (tmp_path / "p.csv").exists()


def test_import_users_reports_header_problems(users, tmp_path):
    path = write_csv(tmp_path, "username,first_name,e-mail,role,nickname,role\nx,y,z,w,v,u\n")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_users", str(path), "--actor", "secretariat", "--dry-run", stderr=err)
    assert "Row 1: Unknown column “nickname”." in err.getvalue()
    assert "Row 1: The column “role” appears twice." in err.getvalue()
    assert "Row 1: Columns missing: last_name." in err.getvalue()
