from django.urls import reverse

from rangwan.audit.queries import chain_head
from rangwan.documents.announcement import render_announcement_pdf
from rangwan.results.queries import published
from tests.pdf_helpers import assert_all_sarabun, pdf_text, pdf_to_pngs, searchable


def test_announcement_names_the_winner_and_carries_the_digest(final_results, settings):
    programme, _nominations, results = final_results
    pdf = render_announcement_pdf(results)
    reader, text = pdf_text(pdf)
    first = published(results).rows()[0]
    winner = {"officer": first.officer, "member": first.member, "work_title": first.work_title}
    assert first.district == "บางคล้า"
    for fact in (
        "ประกาศสำนักงานพัฒนาชุมชนจังหวัดฉะเชิงเทรา",
        "เรื่อง ผลการคัดเลือก",
        "๒๕๖๘",
        "สุดยอด ๑ พัฒนากร ๑ เครือข่ายการพัฒนา ได้แก่ อำเภอบางคล้า",
        "อำเภอเมืองฉะเชิงเทรา",
        winner["officer"],
        winner["member"],
        winner["work_title"],
        "ประกาศ ณ วันที่",
        "ลำดับที่",
    ):
        assert searchable(fact) in text, fact
    chair = programme.seats.get(role="chair")
    assert searchable(f"({chair.holder_name})") in text
    # Totals in Thai digits: บางคล้า 95, เมือง 90.
    assert "๙๕" in text and "๙๐" in text
    assert results.digest in text
    assert str(chain_head()) in text.replace(" ", "").replace("\n", "")
    public = settings.SITE_URL + reverse("results:public", args=[programme.pk])
    assert public in text.replace(" ", "")
    assert_all_sarabun(reader, text)
    pdf_to_pngs(pdf, "announcement", scale=1.2)


def test_announcement_is_refused_before_the_results_are_final(judged_programme, client_as, users):
    from rangwan.results import services

    programme, _nominations = judged_programme
    url = reverse("documents:announcement_pdf", args=[programme.pk])
    response = client_as(users["secretariat"]).get(url)
    assert response.status_code == 404
    assert "ยังไม่เป็นที่สุด" in response.content.decode()
    services.publish_provisional(programme=programme, actor=users["secretariat"])
    assert client_as(users["viewer"]).get(url).status_code == 404


def test_announcement_is_served_to_the_secretariat_and_the_viewer_only(
    final_results, client_as, users
):
    programme, _nominations, _results = final_results
    url = reverse("documents:announcement_pdf", args=[programme.pk])
    for role in ("secretariat", "viewer"):
        response = client_as(users[role]).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
    for role in ("committee_chair", "district_staff"):
        assert client_as(users[role]).get(url).status_code == 403
