import pytest
from django.urls import reverse

from rangwan.nominations.enums import NominationStatus
from rangwan.nominations.models import Dossier, Nomination


def _nominate(demo, codes):
    for code in codes:
        nomination = Nomination.objects.create(
            programme=demo, district=demo.districts.get(code=code), status=NominationStatus.DRAFT
        )
        Dossier.objects.create(nomination=nomination)


@pytest.mark.parametrize("count", [1, 3])
def test_screening_list_queries_do_not_grow(
    client_as, users, demo, count, django_assert_num_queries
):
    _nominate(demo, ["2401", "2402", "2403"][:count])
    client = client_as(users["secretariat"])
    with django_assert_num_queries(7):
        response = client.get(reverse("nominations:screening", args=[demo.pk]))
    assert response.context["counts"]["draft"] == count
    assert response.context["counts"]["not_registered"] == 11 - count


def test_screening_list_filters_by_state(client_as, users, demo):
    _nominate(demo, ["2401"])
    page = client_as(users["secretariat"]).get(
        reverse("nominations:screening", args=[demo.pk]), {"state": "not_registered"}
    )
    rows = page.context["rows"]
    assert len(rows) == 10
    assert all(row.state == "not_registered" for row in rows)
    assert "ยังไม่แจ้งรายชื่อ (10)" in page.content.decode()


def test_another_districts_dossier_cannot_be_opened_or_changed(client_as, users, submitted):
    client = client_as(users["other_staff"])
    for name in ("nominations:detail", "nominations:dossier", "nominations:dossier_pdf"):
        assert client.get(reverse(name, args=[submitted.pk])).status_code == 403
    response = client.post(
        reverse("nominations:autosave", args=[submitted.pk]), {"revision": 0, "work_use": "x"}
    )
    assert response.status_code == 403
    evidence = submitted.evidence.get()
    assert (
        client.get(reverse("nominations:evidence_file", args=[evidence.pk, "file"])).status_code
        == 403
    )
    submitted.dossier.refresh_from_db()
    assert submitted.dossier.work_use != "x"


def test_evidence_is_streamed_with_safe_headers(client_as, users, submitted):
    evidence = submitted.evidence.get()
    response = client_as(users["district_staff"]).get(
        reverse("nominations:evidence_file", args=[evidence.pk, "file"])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("private")
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_autosave_answers_with_the_new_revision(client_as, users, nomination, time_at):
    from tests.fixtures_nominations import BEFORE_DOSSIER

    time_at(BEFORE_DOSSIER)
    response = client_as(users["district_staff"]).post(
        reverse("nominations:autosave", args=[nomination.pk]),
        {"revision": "0", "work_title": "ชื่อผลงาน", "work_start": "14/0"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert 'value="1" id="id_revision" hx-swap-oob="true"' in html
    assert "บันทึกแล้ว ยกเว้น:" in html  # the half-typed date is reported, the rest saved
    nomination.dossier.refresh_from_db()
    assert nomination.dossier.work_title == "ชื่อผลงาน"


def test_stale_autosave_is_refused_with_a_message(client_as, users, nomination, time_at):
    from tests.fixtures_nominations import BEFORE_DOSSIER

    time_at(BEFORE_DOSSIER)
    client = client_as(users["district_staff"])
    url = reverse("nominations:autosave", args=[nomination.pk])
    client.post(url, {"revision": "0", "work_title": "หน้าต่างแรก"})
    response = client.post(url, {"revision": "0", "work_title": "หน้าต่างที่สอง"})
    html = response.content.decode()
    assert "ยังไม่ได้บันทึก" in html
    assert "แบบเสนอผลงานนี้ถูกแก้ไขจากหน้าต่างอื่น" in html
    assert "hx-swap-oob" not in html
    nomination.dossier.refresh_from_db()
    assert nomination.dossier.work_title == "หน้าต่างแรก"
