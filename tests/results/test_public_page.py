from django.urls import reverse

from rangwan.judging import scoring
from rangwan.judging.enums import ConflictKind, Ruling
from rangwan.results import services
from rangwan.results.queries import anonymous_labels


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


def test_final_results_show_ranking_members_anonymously_conflicts_and_digest(
    client, judged_programme, demo
):
    programme, (bangkhla, _mueang) = judged_programme
    chair = programme.seats.get(number=1).user
    seat = programme.seats.get(number=8)
    declaration = scoring.declare(
        seat=seat,
        nomination=bangkhla,
        actor=seat.user,
        has_conflict=True,
        kind=ConflictKind.SAME_NETWORK,
        reason="เป็นกรรมการกองทุนเดียวกัน",
    )
    scoring.rule_on_conflict(declaration=declaration, actor=chair, ruling=Ruling.UPHELD)
    results = services.finalise_results(programme=programme, actor=chair)
    response = client.get(reverse("results:public", args=[programme.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert results.digest in html
    assert "ผลการคัดเลือกสิ้นสุด" in html
    assert html.index("บางคล้า") < html.index("เมืองฉะเชิงเทรา")
    assert "95.00" in html and "90.00" in html
    assert html.count(">กรรมการคนที่ ") == 12  # six counted sheets for each of two dossiers
    assert "แจ้งส่วนได้เสีย 1 ครั้ง วินิจฉัยว่ามีส่วนได้เสีย (งดพิจารณา) 1 ครั้ง" in html
    assert "พัฒนาการจังหวัดฉะเชิงเทรา" in html  # the committee, by name and post
    labels = anonymous_labels(results)
    assert sorted(labels.values()) == list(range(1, 10))
    # Drawn at random and kept out of the snapshot, so nothing on the page (the digest,
    # the committee in seat order) lets anyone tie "member k" to a name.
    assert "member_labels" not in results.snapshot
    assert "member_labels" not in html


def test_member_labels_are_a_secret_draw_kept_from_provisional_to_final(judged_programme):
    programme, _nominations = judged_programme
    chair = programme.seats.get(role="chair").user
    provisional = services.publish_provisional(programme=programme, actor=chair)
    drawn = anonymous_labels(provisional)
    assert sorted(drawn) == list(range(1, 10)) and sorted(drawn.values()) == list(range(1, 10))
    final = services.finalise_results(programme=programme, actor=chair)
    assert anonymous_labels(final) == drawn  # the same member k before and after
