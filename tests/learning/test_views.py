import pytest
from django.urls import reverse

from rangwan.learning import services
from rangwan.learning.models import LessonPhoto
from rangwan.nominations.enums import EvidenceSection
from tests.fixtures_nominations import photo_bytes, upload

READERS_WHILE_DRAFT = {
    "secretariat",
    "viewer",
    "committee_member",
    "committee_chair",
    "district_staff",
    "district_head",
}
WRITERS = {"secretariat", "district_staff"}  # district_staff is of บางคล้า, the winner
ALL = sorted(READERS_WHILE_DRAFT | {"other_staff", "other_head"})


@pytest.mark.parametrize("role", ALL)
def test_who_reads_and_who_writes_a_draft(client_as, users, write_up, programme, role):
    client = client_as(users[role])
    page = client.get(reverse("learning:lessons", args=[programme.pk]))
    assert page.status_code == (200 if role in READERS_WHILE_DRAFT else 403)
    editor = client.get(reverse("learning:edit", args=[programme.pk]))
    assert editor.status_code == (200 if role in WRITERS else 403)
    photo = write_up.photos.get()
    picture = client.get(reverse("learning:photo_file", args=[programme.pk, photo.pk, "thumb"]))
    assert picture.status_code == (200 if role in READERS_WHILE_DRAFT else 403)
    booklet = client.get(reverse("learning:booklet_docx", args=[programme.pk]))
    assert booklet.status_code == (200 if role in READERS_WHILE_DRAFT else 403)
    publish = client.post(reverse("learning:publish", args=[programme.pk]))
    assert publish.status_code == (302 if role == "secretariat" else 403)


@pytest.mark.parametrize("role", ["other_staff", "other_head"])
def test_every_district_reads_the_published_write_up_but_cannot_change_it(
    client_as, users, complete_write_up, programme, role
):
    services.publish_lessons(write_up=complete_write_up, actor=users["secretariat"])
    client = client_as(users[role])
    page = client.get(reverse("learning:lessons", args=[programme.pk]))
    assert page.status_code == 200
    assert "กองทุนแม่ของแผ่นดินโปร่งใส" in page.content.decode()
    assert client.get(reverse("learning:booklet_pdf", args=[programme.pk])).status_code == 200
    assert client.get(reverse("learning:edit", args=[programme.pk])).status_code == 403
    assert client.post(reverse("learning:unpublish", args=[programme.pk])).status_code == 403


def test_the_winning_staff_start_it_from_their_home_page(client_as, users, programme):
    client = client_as(users["district_staff"])
    home = client.get(reverse("nominations:district_home")).content.decode()
    url = reverse("learning:lessons", args=[programme.pk])
    assert url in home
    page = client.get(url).content.decode()
    assert reverse("learning:start", args=[programme.pk]) in page
    response = client.post(reverse("learning:start", args=[programme.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:edit", args=[programme.pk])
    editor = client.get(response["Location"]).content.decode()
    assert 'value="กองทุนแม่ของแผ่นดินโปร่งใส ตรวจสอบได้"' in editor
    # Another district sees no link while the write-up is a draft.
    other = client_as(users["other_staff"]).get(reverse("nominations:district_home"))
    assert url not in other.content.decode()


def test_starting_before_the_results_are_final_is_refused_with_a_message(
    client_as, users, judged_programme
):
    programme, _nominations = judged_programme
    client = client_as(users["secretariat"])
    page = client.get(reverse("learning:lessons", args=[programme.pk])).content.decode()
    assert "ยังไม่เป็นที่สิ้นสุด" in page
    response = client.post(reverse("learning:start", args=[programme.pk]), follow=True)
    assert "ยังไม่เป็นที่สิ้นสุด" in response.content.decode()
    assert not programme.lessons.exists()
    # The winner's district is not known yet: its staff cannot write.
    staff = client_as(users["district_staff"])
    assert staff.post(reverse("learning:start", args=[programme.pk])).status_code == 403


def _form_data(write_up, **changes):
    data = {
        "revision": write_up.revision,
        "title": write_up.title,
        "background": write_up.background,
        "objectives": write_up.objectives,
        "steps": "\n".join(write_up.steps),
        "results": write_up.results,
        "success_factors": write_up.success_factors,
        "obstacles": write_up.obstacles,
        "lessons_gained": write_up.lessons_gained,
        "advice": write_up.advice,
    }
    return data | changes


def test_saving_the_editor_keeps_the_steps_in_order(client_as, users, write_up, programme):
    client = client_as(users["district_staff"])
    response = client.post(
        reverse("learning:edit", args=[programme.pk]),
        _form_data(write_up, steps="1. ประชุม\n2. วางแผน\n3. เผยแพร่", background="ที่มา"),
    )
    assert response.status_code == 302
    write_up.refresh_from_db()
    assert write_up.steps == ["ประชุม", "วางแผน", "เผยแพร่"]
    assert write_up.background == "ที่มา"


def test_a_stale_save_is_refused_with_a_clear_message(client_as, users, write_up, programme):
    stale = _form_data(write_up, advice="จากหน้าต่างเก่า")
    services.save_lessons(
        write_up=write_up, actor=users["secretariat"], revision=0, advice="จากเลขานุการ"
    )
    client = client_as(users["district_staff"])
    page = client.post(reverse("learning:edit", args=[programme.pk]), stale)
    assert page.status_code == 200
    assert "มีการแก้ไขจากหน้าต่างอื่นหรือโดยผู้อื่น" in page.content.decode()
    status = client.post(reverse("learning:autosave", args=[programme.pk]), stale)
    assert "ยังไม่ได้บันทึก" in status.content.decode()
    write_up.refresh_from_db()
    assert write_up.advice == "จากเลขานุการ"


def test_autosave_saves_and_hands_back_the_new_revision(client_as, users, write_up, programme):
    client = client_as(users["district_staff"])
    status = client.post(
        reverse("learning:autosave", args=[programme.pk]),
        {"revision": 0, "objectives": "เพื่อความโปร่งใส"},
    )
    assert status.status_code == 200
    assert 'name="revision" value="1"' in status.content.decode()
    write_up.refresh_from_db()
    assert write_up.objectives == "เพื่อความโปร่งใส"


def test_an_upload_refused_by_content_says_why_and_leaves_no_file(
    client_as, users, write_up, programme, stored_evidence
):
    before = stored_evidence()
    client = client_as(users["district_staff"])
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'
    response = client.post(
        reverse("learning:photo_add", args=[programme.pk]),
        {"file": upload(name="photo.jpg", data=svg), "caption": "ภาพ"},
        follow=True,
    )
    assert "SVG" in response.content.decode()
    assert stored_evidence() == before
    assert LessonPhoto.objects.count() == 1


def test_a_photo_is_added_captioned_and_removed(client_as, users, write_up, programme):
    client = client_as(users["district_staff"])
    client.post(
        reverse("learning:photo_add", args=[programme.pk]),
        {"file": upload(data=photo_bytes(size=(200, 100))), "caption": "ลงพื้นที่"},
    )
    photo = write_up.photos.get(caption="ลงพื้นที่")
    client.post(
        reverse("learning:photo_caption", args=[programme.pk, photo.pk]), {"caption": "ประชุม"}
    )
    photo.refresh_from_db()
    assert photo.caption == "ประชุม"
    client.post(reverse("learning:photo_remove", args=[programme.pk, photo.pk]))
    assert not write_up.photos.filter(pk=photo.pk).exists()


def test_a_photo_of_another_programme_is_not_found(client_as, users, write_up, programme, demo):
    from rangwan.programmes.services import copy_programme_to_next_year

    other = copy_programme_to_next_year(programme=programme, actor=users["secretariat"])
    photo = write_up.photos.get()
    client = client_as(users["secretariat"])
    url = reverse("learning:photo_file", args=[other.pk, photo.pk, "file"])
    assert client.get(url).status_code == 404


def test_publish_and_take_back_from_the_page(client_as, users, complete_write_up, programme):
    client = client_as(users["secretariat"])
    client.post(reverse("learning:publish", args=[programme.pk]))
    complete_write_up.refresh_from_db()
    assert complete_write_up.is_published
    editor = client_as(users["district_staff"]).get(reverse("learning:edit", args=[programme.pk]))
    assert "disabled" in editor.content.decode()
    client = client_as(users["secretariat"])
    client.post(reverse("learning:unpublish", args=[programme.pk]))
    complete_write_up.refresh_from_db()
    assert not complete_write_up.is_published


def test_booklet_downloads(client_as, users, complete_write_up, programme):
    client = client_as(users["district_staff"])
    pdf = client.get(reverse("learning:booklet_pdf", args=[programme.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("learning:booklet_docx", args=[programme.pk]))
    assert docx["Content-Type"].endswith("wordprocessingml.document")
    assert docx.content.startswith(b"PK")


def test_typed_text_is_escaped_on_the_page(client_as, users, write_up, programme):
    services.save_lessons(
        write_up=write_up,
        actor=users["district_staff"],
        revision=0,
        background="<script>alert(1)</script>",
    )
    page = client_as(users["viewer"]).get(reverse("learning:lessons", args=[programme.pk]))
    html = page.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("count", [1, 3])
def test_the_page_queries_do_not_grow_with_photos(
    client_as, users, write_up, programme, count, django_assert_num_queries
):
    for _ in range(count - 1):
        services.add_photo(
            write_up=write_up, actor=users["secretariat"], upload=upload(), caption="ภาพ"
        )
    client = client_as(users["secretariat"])
    client.get(reverse("learning:lessons", args=[programme.pk]))  # warm the session
    with django_assert_num_queries(9):  # 9th: the results' audit entry (integrity check)
        client.get(reverse("learning:lessons", args=[programme.pk]))


def test_the_dossier_photos_are_copied_with_their_captions(
    users, final_results, secretariat, time_at
):
    programme, nominations, _results = final_results
    winner = nominations[0]
    evidence = winner.evidence.get(section=EvidenceSection.JOINT_WORK)
    evidence.caption = "ประชุมกองทุน"
    evidence.save()
    write_up = services.start_lessons(programme=programme, actor=secretariat)
    assert [p.caption for p in write_up.photos.all()] == ["ประชุมกองทุน"]


def test_lesson_photos_and_evidence_share_one_hourly_upload_limit(
    client_as, users, write_up, programme, settings
):
    """The write-up's photos count with the dossier's evidence (the same user, the same
    hour): each upload model is registered with the limit by its own app."""
    staff = users["district_staff"]
    since_submission = write_up.nomination.evidence.filter(uploaded_by=staff).count()
    settings.UPLOADS_PER_HOUR = since_submission + 1  # the fixture's photo counts too
    client = client_as(staff)
    url = reverse("learning:photo_add", args=[programme.pk])
    assert client.post(url, {"file": upload(), "caption": "ภาพ 1"}).status_code == 302
    response = client.post(url, {"file": upload(), "caption": "ภาพ 2"})
    assert response.status_code == 429
    assert LessonPhoto.objects.filter(caption="ภาพ 2").count() == 0
