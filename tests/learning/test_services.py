import pytest
from django.core.exceptions import ValidationError

from rangwan.audit.models import AuditEntry
from rangwan.learning import services
from rangwan.learning.enums import LessonStatus
from rangwan.learning.models import LessonPhoto, LessonsLearned
from rangwan.reports.queries import programme_indicators
from tests.fixtures_nominations import COMPLETE_DOSSIER, photo_bytes, upload
from tests.learning.conftest import FULL


def test_starting_is_refused_before_the_results_are_final(judged_programme, users):
    programme, _nominations = judged_programme
    with pytest.raises(ValidationError) as refused:
        services.start_lessons(programme=programme, actor=users["secretariat"])
    assert refused.value.code == "not-final"
    assert "ยังไม่เป็นที่สิ้นสุด" in refused.value.messages[0]
    assert not LessonsLearned.objects.exists()


def test_start_prefills_from_the_winning_dossier(write_up, programme):
    assert write_up.nomination.district.code == "2402"  # บางคล้า won
    assert write_up.programme == programme
    assert write_up.title == COMPLETE_DOSSIER["work_title"]
    assert write_up.steps == [COMPLETE_DOSSIER["work_steps"]]
    assert COMPLETE_DOSSIER["work_results"] in write_up.results
    assert COMPLETE_DOSSIER["work_use"] in write_up.results
    assert write_up.status == LessonStatus.DRAFT
    photo = write_up.photos.get()  # the dossier's joint-work photo, copied
    evidence = write_up.nomination.evidence.get()
    assert photo.file.name != evidence.file.name
    assert photo.file.read() == evidence.file.read()
    assert AuditEntry.objects.filter(action="lessons.start").count() == 1


def test_starting_twice_keeps_the_one_write_up(write_up, programme, users):
    again = services.start_lessons(programme=programme, actor=users["district_staff"])
    assert again == write_up
    assert LessonsLearned.objects.count() == 1


def test_typed_step_numbers_and_bullets_are_dropped():
    typed = "1. ประชุม\n๒) วางแผน\n - เผยแพร่\n\n•  ติดตามผล\n"
    assert services.split_steps(typed) == ["ประชุม", "วางแผน", "เผยแพร่", "ติดตามผล"]


def test_saving_records_the_change_and_moves_the_revision(write_up, users):
    saved = services.save_lessons(
        write_up=write_up, actor=users["district_staff"], revision=0, background="ความเป็นมา"
    )
    assert saved.revision == 1
    entry = AuditEntry.objects.get(action="lessons.save")
    assert entry.actor == users["district_staff"]
    assert entry.before == {"background": ""}
    assert entry.after == {"revision": 1, "background": "ความเป็นมา"}


def test_a_save_on_a_stale_revision_is_refused_and_changes_nothing(write_up, users):
    services.save_lessons(write_up=write_up, actor=users["secretariat"], revision=0, advice="ก")
    with pytest.raises(services.StaleRevision) as refused:
        services.save_lessons(
            write_up=write_up, actor=users["district_staff"], revision=0, advice="ข"
        )
    assert "มีการแก้ไขจากหน้าต่างอื่นหรือโดยผู้อื่น" in refused.value.messages[0]
    write_up.refresh_from_db()
    assert (write_up.advice, write_up.revision) == ("ก", 1)


def test_publishing_is_refused_while_sections_are_missing(write_up, users):
    with pytest.raises(ValidationError) as refused:
        services.publish_lessons(write_up=write_up, actor=users["secretariat"])
    assert "ความเป็นมา" in refused.value.messages[0]
    assert "ขั้นตอนการดำเนินงาน" not in refused.value.messages[0]  # prefilled


def test_publishing_feeds_indicator_10_3_and_unpublishing_takes_it_back(
    complete_write_up, programme, users
):
    def lessons_indicator():
        return next(i for i in programme_indicators(programme) if i.code == "10.3")

    assert lessons_indicator().actual == 0
    services.publish_lessons(write_up=complete_write_up, actor=users["secretariat"])
    complete_write_up.refresh_from_db()
    assert complete_write_up.status == LessonStatus.PUBLISHED
    assert complete_write_up.published_at is not None
    assert lessons_indicator().actual == 1 and lessons_indicator().met
    services.unpublish_lessons(write_up=complete_write_up, actor=users["secretariat"])
    assert lessons_indicator().actual == 0
    actions = list(
        AuditEntry.objects.filter(action__startswith="lessons.").values_list("action", flat=True)
    )
    assert "lessons.publish" in actions and "lessons.unpublish" in actions


def test_a_published_write_up_cannot_change_until_taken_back(complete_write_up, users):
    services.publish_lessons(write_up=complete_write_up, actor=users["secretariat"])
    complete_write_up.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.save_lessons(
            write_up=complete_write_up,
            actor=users["district_staff"],
            revision=complete_write_up.revision,
            advice="ใหม่",
        )
    assert refused.value.code == "published"
    with pytest.raises(ValidationError):
        services.add_photo(
            write_up=complete_write_up, actor=users["district_staff"], upload=upload(), caption="ก"
        )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.jpg", b"<html><script>alert(1)</script></html>"),
        ("photo.jpg", b"MZ\x90\x00 not a photo"),
        ("scan.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
        ("photo.jpg", photo_bytes()[:60]),  # truncated
    ],
)
def test_an_upload_refused_by_its_content_leaves_no_file(
    write_up, users, stored_evidence, name, data
):
    before = stored_evidence()
    with pytest.raises(ValidationError):
        services.add_photo(
            write_up=write_up,
            actor=users["district_staff"],
            upload=upload(name=name, data=data),
            caption="ภาพ",
        )
    assert stored_evidence() == before
    assert write_up.photos.count() == 1  # only the one copied from the dossier


def test_a_large_photo_is_kept_at_print_size(write_up, users):
    photo = services.add_photo(
        write_up=write_up,
        actor=users["district_staff"],
        upload=upload(data=photo_bytes(size=(3000, 1500))),
        caption="ภาพใหญ่",
    )
    assert (photo.width, photo.height) == (2048, 1024)
    assert photo.size == len(photo.file.read())


def test_removing_a_photo_deletes_its_files(
    write_up, users, stored_evidence, django_capture_on_commit_callbacks
):
    photo = write_up.photos.get()
    names = [photo.file.name, photo.thumbnail.name]
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_photo(photo=photo, actor=users["district_staff"])
    assert not LessonPhoto.objects.exists()
    assert not any(photo.file.storage.exists(name) for name in names)
    assert AuditEntry.objects.filter(action="lessons.photo_remove").exists()


def test_every_section_can_be_written(write_up, users):
    saved = services.save_lessons(write_up=write_up, actor=users["secretariat"], revision=0, **FULL)
    for name, value in FULL.items():
        assert getattr(saved, name) == value
