"""A server killed during an upload leaves no row; the file it wrote is an orphan that
cleanup_orphan_files removes once it is an hour old."""

import os
import sqlite3
import time

from tests.subprocesses import manage

# Run in a separate process on its own SQLite file. The process registers a pair, then
# uploads a photo through the real service and dies (os._exit: no except, no finally)
# at the audit insert, that is after the file is stored and before the commit.
UPLOAD_THEN_DIE = """
import datetime as dt, os, zoneinfo
from django.db import connection
from django.utils import timezone
from rangwan.seed.demo import load_demo
load_demo()
from tests import fixtures_nominations as f
from rangwan.accounts.models import User
from rangwan.directory.models import NetworkKind, OfficerKind
from rangwan.nominations import services
from rangwan.programmes.models import Programme
at = dt.datetime(2025, 2, 1, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Bangkok"))
timezone.now = lambda: at
staff = User.objects.get(username="staff.bangkhla")
nomination = services.register_pair(
    programme=Programme.objects.get(fiscal_year=2568), district=staff.district, actor=staff,
    officer=f.OFFICER, officer_kind=OfficerKind.objects.get(code="phatthanakon"),
    member=f.MEMBER, network_kind=NetworkKind.objects.get(code="mae-phaendin"),
    network_name="network", member_role="chair",
)
def die_at_audit(execute, sql, params, many, context):
    if "audit_auditentry" in sql and sql.lstrip().upper().startswith("INSERT"):
        os._exit(9)
    return execute(sql, params, many, context)
with connection.execute_wrapper(die_at_audit):
    services.add_evidence(nomination=nomination, actor=staff, upload=f.upload(),
                          section="joint_work")
"""


def test_an_upload_killed_before_its_commit_leaves_no_row_and_its_file_is_cleaned_up(tmp_path):
    database = tmp_path / "killed.sqlite3"
    # Files in a folder, so the test can age them (test_orphan_files covers object storage).
    env = {k: v for k, v in os.environ.items() if k != "S3_BUCKET"}
    env |= {"DATABASE_URL": f"sqlite:///{database}", "RANGWAN_VAR_DIR": str(tmp_path)}
    assert manage("migrate", "-v0", env=env).returncode == 0

    died = manage("shell", "-c", UPLOAD_THEN_DIE, env=env)
    assert died.returncode == 9, died.stderr

    with sqlite3.connect(database) as db:
        assert db.execute("select count(*) from nominations_nomination").fetchone() == (1,)
        assert db.execute("select count(*) from nominations_evidence").fetchone() == (0,)
    left = [path for path in (tmp_path / "evidence").rglob("*") if path.is_file()]
    assert left, "the file was written before the process died"

    listed = manage("cleanup_orphan_files", "--delete", env=env)
    assert "Deleted 0 orphan files" in listed.stdout  # younger than an hour: kept
    then = time.time() - 2 * 3600
    for path in left:
        os.utime(path, (then, then))
    cleaned = manage("cleanup_orphan_files", "--delete", env=env)
    assert f"Deleted {len(left)} orphan files" in cleaned.stdout, cleaned.stderr
    assert not [path for path in (tmp_path / "evidence").rglob("*") if path.is_file()]
