"""A new installation for Chachoengsao: the seed's reference data and programme, no
people; then the first account, then next year's programme copied from 2568."""

import os
from io import StringIO

from django.core.management import call_command

from rangwan.accounts.models import User
from rangwan.directory.models import District, DistrictOffice, NetworkKind, OfficerKind, Person
from rangwan.judging.models import CommitteeSeat
from rangwan.programmes.models import Programme


def load_seed(*args: str) -> str:
    out = StringIO()
    call_command("load_seed", *args, stdout=out)
    return out.getvalue()


def test_the_seed_loads_the_eleven_districts_and_the_kinds_and_no_people(db):
    output = load_seed()
    assert District.objects.count() == 11
    assert DistrictOffice.objects.get(district__name_th="บางคล้า").email == ""
    assert OfficerKind.objects.exists() and NetworkKind.objects.exists()
    assert not Programme.objects.exists()
    assert not User.objects.exists() and not Person.objects.exists()
    assert "นำเข้าข้อมูลจังหวัดฉะเชิงเทรา แล้ว: 11 อำเภอ" in output
    assert "Loaded Chachoengsao: 11 districts." in output


def test_loading_again_keeps_the_addresses_the_secretariat_entered(db):
    load_seed("--programme-2568")
    office = DistrictOffice.objects.get(district__name_th="บางคล้า")
    office.email = "cdd.bangkhla@example.go.th"
    office.save()
    load_seed("--programme-2568")
    office.refresh_from_db()
    assert office.email == "cdd.bangkhla@example.go.th"
    assert District.objects.count() == 11 and Programme.objects.count() == 1


def test_the_2568_programme_has_the_seed_work_plan_and_rubric_and_no_committee(db):
    output = load_seed("--programme-2568")
    programme = Programme.objects.get()
    assert programme.fiscal_year == 2568
    assert programme.districts.count() == 11
    assert programme.steps.count() == 8
    assert programme.rubric.declared_total == 100
    assert programme.rubric.criteria.count() > 1
    assert not CommitteeSeat.objects.exists()
    assert f"(id {programme.pk})" in output


def test_a_new_office_starts_from_the_seed_and_copies_next_year(db, monkeypatch):
    load_seed("--programme-2568")
    monkeypatch.setitem(os.environ, "RANGWAN_SECRETARIAT_PASSWORD", "ฉะเชิงเทรา-2569-ok")
    call_command(
        "create_secretariat",
        *("somchai", "--email", "somchai@example.test", "--first-name", "สมชาย"),
        *("--last-name", "ใจดี", "--no-input"),
        stdout=StringIO(),
    )
    call_command("copy_programme", "--from-year", "2568", "--actor", "somchai", stdout=StringIO())
    copy = Programme.objects.get(fiscal_year=2569)
    assert copy.districts.count() == 11 and copy.steps.count() == 8
