import hashlib

from django.urls import reverse

from rangwan.audit.queries import chain_head
from rangwan.judging import services as judging
from rangwan.judging.enums import ConflictKind, Ruling
from rangwan.results import services


def test_nothing_is_shown_before_publication(client, judged_programme):
    programme, _ = judged_programme
    response = client.get(reverse("results:public", args=[programme.pk]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "ยังไม่ได้ประกาศผลการคัดเลือก" in html
    assert "บางคล้า" not in html


def test_provisional_results_are_marked_as_such(client, judged_programme):
    programme, _ = judged_programme
    services.publish_provisional(
        programme=programme, actor=programme.seats.get(number=1).user, objection_days=3
    )
    html = client.get(reverse("results:public", args=[programme.pk])).content.decode()
    assert "ผลเบื้องต้น" in html
    assert "เปิดรับคำคัดค้านถึง" in html


def test_final_results_show_ranking_sheets_anonymously_conflicts_and_digest(
    client, judged_programme, demo
):
    programme, (bangkhla, _mueang) = judged_programme
    chair = programme.seats.get(number=1).user
    seat = programme.seats.get(number=8)
    declaration = judging.declare(
        seat=seat,
        nomination=bangkhla,
        actor=seat.user,
        has_conflict=True,
        kind=ConflictKind.SAME_NETWORK,
        reason="เป็นกรรมการกองทุนเดียวกัน",
    )
    judging.rule_on_conflict(declaration=declaration, actor=chair, ruling=Ruling.UPHELD)
    results = services.finalise_results(programme=programme, actor=chair)
    response = client.get(reverse("results:public", args=[programme.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert results.digest in html
    assert "ผลการคัดเลือกสิ้นสุด" in html
    assert html.index("บางคล้า") < html.index("เมืองฉะเชิงเทรา")
    assert "95.00" in html and "90.00" in html
    assert html.count(">ฉบับที่ ") == 12  # six counted sheets for each of two dossiers
    assert "กรรมการคนที่" not in html  # no label that follows a member across dossiers
    assert "กรรมการ 1 คนไม่ได้ให้คะแนนผลงานนี้" in html  # the recusal, counted, nobody named
    assert "แจ้งส่วนได้เสีย 1 ครั้ง วินิจฉัยว่ามีส่วนได้เสีย (งดพิจารณา) 1 ครั้ง" in html
    assert "พัฒนาการจังหวัดฉะเชิงเทรา" in html  # the committee, by name and post
    # How anyone checks the result: the bundle, the verifier, three steps, a checkpoint.
    assert reverse("results:bundle", args=[programme.pk]) in html
    assert "rangwan_verify.py" in html
    assert "ตรวจสอบผลด้วยตนเองใน ๓ ขั้นตอน" in html
    assert f"python3 rangwan_verify.py rangwan-results-{programme.pk}-" in html
    assert str(chain_head()) in html


def test_the_bundle_download_is_the_digests_bytes(client, judged_programme):
    programme, _ = judged_programme
    results = services.finalise_results(
        programme=programme, actor=programme.seats.get(number=1).user
    )
    response = client.get(reverse("results:bundle", args=[programme.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert hashlib.sha256(response.content).hexdigest() == results.digest
    assert "attachment" in response["Content-Disposition"]


def test_no_bundle_before_publication(client, judged_programme):
    programme, _ = judged_programme
    assert client.get(reverse("results:bundle", args=[programme.pk])).status_code == 404
