from django.urls import reverse

from rangwan.honours import services
from rangwan.honours.enums import CertificateKind


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _award(issued):
    return next(c for c in issued[2] if c.kind == CertificateKind.AWARD)


def test_a_genuine_certificate_is_confirmed_to_anyone(client, issued):
    certificate = _award(issued)
    page = client.get(reverse("honours:verify", args=[certificate.code]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "เกียรติบัตรฉบับนี้เป็นของจริง" in html
    assert "นายสมมติ ใจซื่อ" in html
    assert certificate.award_text in html
    assert certificate.programme_text in html
    assert "๑๓ มิถุนายน ๒๕๖๘" in html
    assert certificate.display_code in html
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    # The same digest as the public results page, the API and the announcement.
    assert certificate.programme.results.digest in html


def test_the_verify_page_shows_nothing_else_about_the_person(client, issued):
    certificate = _award(issued)
    person = certificate.person
    person.phone = "081-234-5678"
    person.email = "somsmut@example.com"
    person.save()
    html = client.get(reverse("honours:verify", args=[certificate.code])).content.decode()
    for private in ("081-234-5678", "somsmut@example.com", certificate.affiliation, "บางคล้า"):
        assert private not in html


def test_a_revoked_certificate_says_so_with_the_date_and_reason(client, issued, users):
    certificate = _award(issued)
    services.revoke_certificate(
        certificate=certificate, actor=users["secretariat"], reason="ผลการคัดเลือกถูกทบทวน"
    )
    page = client.get(reverse("honours:verify", args=[certificate.code]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "ถูกยกเลิก" in html
    assert "ผลการคัดเลือกถูกทบทวน" in html
    assert "๑ เม.ย. ๒๕๖๘" in html or "๑ เมษายน ๒๕๖๘" in html
    assert "เป็นของจริง" not in html


def test_unknown_and_malformed_codes_get_the_same_not_found_answer(client, issued):
    unknown = client.get(reverse("honours:verify", args=["ZZZZZZZZZZZZ"]))
    malformed = client.get(reverse("honours:verify", args=["<script>"]))
    assert unknown.status_code == malformed.status_code == 404
    assert "ไม่พบเกียรติบัตร" in unknown.content.decode()
    assert _main(unknown) == _main(malformed)
    assert "<script>" not in malformed.content.decode()


def test_a_code_typed_loosely_finds_its_certificate(client, issued):
    certificate = _award(issued)
    typed = certificate.display_code.lower()
    response = client.get(reverse("honours:verify_form"), {"code": f" {typed} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("honours:verify", args=[certificate.code])
    response = client.get(reverse("honours:verify_form"), {"code": "ไม่ใช่รหัส"})
    assert response.status_code == 404
    assert "ไม่พบเกียรติบัตร" in response.content.decode()


def test_the_verify_page_speaks_english_when_asked(client, issued):
    certificate = _award(issued)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("honours:verify", args=[certificate.code])).content.decode()
    assert "This certificate is genuine" in html
    assert "13 June B.E. 2568" in html
