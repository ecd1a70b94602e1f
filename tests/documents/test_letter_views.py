import datetime as dt

import pytest
from django.urls import reverse

from rangwan.audit.models import AuditEntry
from rangwan.directory.models import DistrictOffice
from rangwan.documents import services
from rangwan.documents.models import LetterDispatch, OfficialLetter


def _form(letter, **changes):
    data = {
        "reference_number": letter.reference_number,
        "sender": letter.sender,
        "letter_date": "15/01/2568",
        "subject": letter.subject,
        "addressee": letter.addressee,
        "enclosures": letter.enclosures,
        "body": letter.body,
        "signer_name": letter.signer_name,
        "signer_position": letter.signer_position,
        "acting_for": letter.acting_for,
        "responsible_unit": letter.responsible_unit,
        "phone": letter.phone,
        "email": letter.email,
        "slogan": letter.slogan,
    }
    return data | changes


@pytest.fixture
def office_emails(demo):
    for office in DistrictOffice.objects.filter(district__in=demo.districts.all()):
        office.email = f"cd{office.district.code}@rangwan.test"
        office.save()


def test_secretariat_edits_the_letter_and_the_change_is_audited(client_as, users, demo):
    client = client_as(users["secretariat"])
    url = reverse("documents:letter_edit", args=[demo.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _form(demo.letter, reference_number="ฉช 0019/ว 999", acting_for=""))
    assert response.status_code == 302
    letter = OfficialLetter.objects.get(programme=demo)
    assert letter.reference_number == "ฉช 0019/ว 999"
    assert letter.letter_date == dt.date(2025, 1, 15)
    assert letter.updated_by == users["secretariat"]
    entry = AuditEntry.objects.filter(action="letter.save").get()
    assert entry.before["reference_number"] == "ฉช ๐๐๑๙/ว ๗๓๑"
    assert entry.after["acting_for"] == ""
    pdf = client.get(reverse("documents:letter_pdf", args=[demo.pk]))
    assert pdf["Content-Type"] == "application/pdf"


def test_first_save_creates_the_letter_from_the_defaults(client_as, users, demo):
    demo.letter.delete()
    client = client_as(users["secretariat"])
    page = client.get(reverse("documents:letter", args=[demo.pk]))
    assert "ยังไม่ได้บันทึก" in page.content.decode()
    form = client.get(reverse("documents:letter_edit", args=[demo.pk])).context["form"]
    assert form.initial["signer_name"] == demo.seats.get(role="chair").holder_name
    data = _form(form.instance, reference_number="ฉช 0019/ว 1")
    assert client.post(reverse("documents:letter_edit", args=[demo.pk]), data).status_code == 302
    assert OfficialLetter.objects.filter(programme=demo).count() == 1
    assert AuditEntry.objects.filter(action="letter.save").get().before is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"reference_number": "ฉช 0019"}, "reference_number", "ฉช ๐๐๑๙/ว ๗๓๑"),
        ({"reference_number": ""}, "reference_number", "จำเป็น"),
        ({"letter_date": "2025-13-40"}, "letter_date", "พุทธศักราช"),
        (
            {"signer_position": "พัฒนาการจังหวัด ปฏิบัติราชการแทน"},
            "signer_position",
            "ปฏิบัติราชการแทน",
        ),
        ({"body": "สั้น"}, "body", "สั้นเกินไป"),
        ({"email": "not-an-address"}, "email", "อีเมล"),
    ],
)
def test_letter_form_says_what_is_wrong_in_thai(client_as, users, demo, changes, field, message):
    client = client_as(users["secretariat"])
    response = client.post(
        reverse("documents:letter_edit", args=[demo.pk]), _form(demo.letter, **changes)
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors, errors
    assert OfficialLetter.objects.get(programme=demo).reference_number == "ฉช ๐๐๑๙/ว ๗๓๑"


def test_letter_form_speaks_english_in_the_english_ui(client_as, users, demo):
    client = client_as(users["secretariat"])
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("documents:letter_edit", args=[demo.pk]),
        _form(demo.letter, reference_number="ฉช 0019"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "slash" in " ".join(response.context["form"].errors["reference_number"])


def test_sending_is_refused_while_offices_have_no_email(client_as, users, demo):
    DistrictOffice.objects.update(email="")
    DistrictOffice.objects.filter(district__code="2402").update(email="cd@rangwan.test")
    client = client_as(users["secretariat"])
    page = client.get(reverse("documents:letter", args=[demo.pk])).content.decode()
    assert "สำนักงานพัฒนาชุมชนอำเภอเมืองฉะเชิงเทรา" in page
    response = client.post(reverse("documents:letter_send", args=[demo.pk]), follow=True)
    text = response.content.decode()
    assert "ยังไม่ได้ส่ง" in text
    assert "เมืองฉะเชิงเทรา" in text and "คลองเขื่อน" in text
    assert not LetterDispatch.objects.exists()


def test_letter_and_enclosures_reach_every_district_office(
    client_as, users, demo, office_emails, smtp_server
):
    client = client_as(users["secretariat"])
    response = client.post(reverse("documents:letter_send", args=[demo.pk]), follow=True)
    assert response.status_code == 200
    inbox = smtp_server.messages
    assert len(inbox) == 11
    assert sorted(m["to"][0] for m in inbox) == sorted(
        f"cd{code}@rangwan.test" for code in demo.districts.values_list("code", flat=True)
    )
    assert all(len(m["to"]) == 1 for m in inbox)
    first = inbox[0]
    assert "ฉช ๐๐๑๙/ว ๗๓๑" in first["subject"]
    assert "นายอำเภอ ทุกอำเภอ" in first["body"]
    names = [name for name, _type, _data in first["attachments"]]
    assert names == [
        "letter-2568.pdf",
        "workplan-2568.pdf",
        "form3-2568.pdf",
        "form4-2568.pdf",
        "rubric-2568.pdf",
    ]
    for _name, content_type, data in first["attachments"]:
        assert content_type == "application/pdf"
        assert data.startswith(b"%PDF")
    dispatch = LetterDispatch.objects.get()
    assert dispatch.sent_by == users["secretariat"]
    assert len(dispatch.recipients) == 11 and all(r["delivered"] for r in dispatch.recipients)
    assert AuditEntry.objects.filter(action="letter.send").count() == 1
    page = response.content.decode()
    assert "cd2402@rangwan.test" in page
    assert users["secretariat"].display_name in page


def test_resending_is_deliberate(client_as, users, demo, office_emails, smtp_server):
    client = client_as(users["secretariat"])
    url = reverse("documents:letter_send", args=[demo.pk])
    client.post(url)
    assert len(smtp_server.messages) == 11
    refused = client.post(url, follow=True).content.decode()
    assert "ส่งซ้ำ" in refused
    no_reason = client.post(url, {"resend": "on"}, follow=True).content.decode()
    assert "เหตุผล" in no_reason
    assert len(smtp_server.messages) == 11
    client.post(url, {"resend": "on", "reason": "แก้ไขกำหนดส่ง"})
    assert len(smtp_server.messages) == 22
    latest = LetterDispatch.objects.first()
    assert latest.is_resend and latest.reason == "แก้ไขกำหนดส่ง"
    assert LetterDispatch.objects.count() == 2


def test_a_refused_address_is_recorded_as_not_delivered(users, demo, office_emails, settings):
    """No mail server is listening: nothing is delivered, so nothing is recorded."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = probe.getsockname()[1]
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.send_letter(programme=demo, actor=users["secretariat"])
    assert not LetterDispatch.objects.exists()


@pytest.mark.parametrize(
    "name", ["letter_pdf", "workplan_pdf", "form3_pdf", "form4_pdf", "rubric_pdf"]
)
def test_documents_are_pdfs_for_the_secretariat_only(client_as, users, demo, name):
    url = reverse(f"documents:{name}", args=[demo.pk])
    response = client_as(users["secretariat"]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    for role in ("viewer", "committee_chair", "district_staff"):
        assert client_as(users[role]).get(url).status_code == 403


def test_typed_text_is_escaped_in_the_page_and_kept_out_of_the_pdf_fetcher(client_as, users, demo):
    from rangwan.documents.letters import render_letter_pdf
    from tests.pdf_helpers import pdf_text

    services.save_letter(
        programme=demo,
        actor=users["secretariat"],
        subject='<img src="file:///etc/passwd"><b>ตัวหนา</b>',
    )
    page = client_as(users["secretariat"]).get(reverse("documents:letter", args=[demo.pk]))
    html = page.content.decode()
    assert "&lt;img" in html and '<img src="file' not in html
    _reader, text = pdf_text(render_letter_pdf(OfficialLetter.objects.get(programme=demo)))
    assert "<b>" in text


QUERIES = 8


def _dispatches(demo, user, count):
    from django.utils import timezone

    for n in range(count):
        LetterDispatch.objects.create(
            letter=demo.letter,
            sent_at=timezone.now(),
            sent_by=user,
            recipients=[
                {"district": "บางคล้า", "office": "x", "email": "a@b.test", "delivered": True}
            ],
            is_resend=n > 0,
            reason="ทดสอบ" if n else "",
        )


@pytest.mark.parametrize("count", [1, 3])
def test_letter_page_queries_do_not_grow_with_the_sendings(
    client_as, users, demo, count, django_assert_num_queries
):
    _dispatches(demo, users["secretariat"], count)
    client = client_as(users["secretariat"])
    # session, user, programme, letter, sendings with their senders, offices, results
    with django_assert_num_queries(QUERIES):
        page = client.get(reverse("documents:letter", args=[demo.pk]))
    assert page.content.decode().count("a@b.test") == count
