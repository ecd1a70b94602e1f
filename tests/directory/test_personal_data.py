import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation


def test_export_holds_the_person_their_nominations_versions_evidence_and_audit(submitted, capsys):
    officer = submitted.officer
    call_command("export_personal_data", "--person", str(officer.pk))
    data = json.loads(capsys.readouterr().out)
    assert data["person"]["first_name"] == officer.first_name
    assert [n["id"] for n in data["nominations"]] == [submitted.pk]
    assert data["nominations"][0]["as"] == "officer"
    assert len(data["dossier_versions"]) == 1
    assert data["evidence"][0]["sha256"]
    assert any(e["action"].startswith("dossier") for e in data["audit_entries"])


def test_export_of_an_account_lists_what_it_did(submitted, users, capsys):
    call_command("export_personal_data", "--user", "staff.bangkhla")
    data = json.loads(capsys.readouterr().out)
    assert data["user"]["username"] == "staff.bangkhla"
    assert data["audit_entries_as_actor"]


def test_the_secretariat_downloads_a_persons_data_as_json(submitted, users, client_as):
    client = client_as(users["secretariat"])
    response = client.get(reverse("directory:person_export", args=[submitted.officer_id]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response.json()["person"]["id"] == submitted.officer_id


def test_a_district_user_may_not_download_a_persons_data(submitted, users, client_as):
    client = client_as(users["district_staff"])
    response = client.get(reverse("directory:person_export", args=[submitted.officer_id]))
    assert response.status_code == 403


def test_privacy_notice_is_public_and_linked_from_sign_in(client, settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = 10
    page = client.get(reverse("core:privacy")).content.decode()
    for said in ("localStorage", "๑๐ ปี", "10 years", "สำนักงานพัฒนาชุมชนจังหวัดฉะเชิงเทรา"):
        assert said in page
    assert reverse("core:privacy") in client.get(reverse("accounts:login")).content.decode()


def test_erasure_is_refused_while_results_are_not_final(submitted, users):
    import pytest
    from django.core.exceptions import ValidationError

    from rangwan.directory.services import erase_person

    with translation.override("en"), pytest.raises(ValidationError, match="not final"):
        erase_person(person=submitted.officer, actor=users["secretariat"])


def test_erasure_is_refused_within_the_retention_period(final_results, users):
    import pytest
    from django.core.exceptions import ValidationError

    from rangwan.directory.services import erase_person

    _programme, nominations, _results = final_results
    with translation.override("en"), pytest.raises(ValidationError, match="kept until"):
        erase_person(person=nominations[0].officer, actor=users["secretariat"])


def test_erasure_after_retention_blanks_the_person_and_the_chain_still_verifies(
    final_results, users, settings, capsys
):
    from rangwan.audit.models import AuditEntry
    from rangwan.directory.services import ERASED, erase_person

    settings.PERSONAL_DATA_RETENTION_YEARS = 0
    _programme, nominations, _results = final_results
    officer = nominations[0].officer
    erased = erase_person(person=officer, actor=users["secretariat"])
    assert erased.first_name == ERASED
    assert erased.phone == erased.email == ""
    entry = AuditEntry.objects.get(action="person.erase")
    assert set(entry.after) == {"erased_data_sha256", "photos_deleted"}
    call_command("verify_audit")
    assert "intact" in capsys.readouterr().out


def test_only_the_secretariat_may_erase(users):
    assert users["secretariat"].has_perm("directory.erase_personal_data")
    assert not users["district_staff"].has_perm("directory.erase_personal_data")


def test_the_erase_command_names_an_unknown_actor_in_thai_and_english(submitted):
    from django.core.management.base import CommandError

    officer = submitted.officer
    with pytest.raises(CommandError) as error:
        call_command("erase_personal_data", "--person", str(officer.pk), "--actor", "nobody")
    assert "ไม่มีผู้ใช้ชื่อ “nobody”" in str(error.value)
    assert "No user named “nobody”." in str(error.value)
