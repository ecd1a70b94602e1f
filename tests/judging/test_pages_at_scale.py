"""National scale: the committee's pages read a fixed number of queries however many
dossiers there are, and long lists come in pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rangwan.judging import services
from rangwan.judging.models import Declaration, Score, ScoreSheet
from rangwan.judging.queries import scored_criteria
from rangwan.nominations.enums import NominationStatus
from rangwan.nominations.models import Dossier, Nomination


def _more_accepted_dossiers(programme, codes):
    """Accepted dossiers scored in full by members 1–6, written directly (the services
    are tested elsewhere; here only the number of rows matters)."""
    criteria = list(scored_criteria(programme))
    seats = list(programme.seats.filter(number__lte=6))
    for code in codes:
        nomination = Nomination.objects.create(
            programme=programme,
            district=programme.districts.get(code=code),
            status=NominationStatus.ACCEPTED,
        )
        Dossier.objects.create(nomination=nomination, work_title=f"ผลงาน {code}")
        for seat in seats:
            Declaration.objects.create(seat=seat, nomination=nomination, has_conflict=False)
            sheet = ScoreSheet.objects.create(seat=seat, nomination=nomination, status="submitted")
            Score.objects.bulk_create(
                Score(sheet=sheet, criterion=c, points=c.max_points - 1) for c in criteria
            )


def _queries(client, url):
    client.get(url)  # warm: sessions, caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("view", ["results:tally", "judging:progress"])
def test_committee_pages_read_the_same_number_of_queries_for_2_or_6_dossiers(
    client_as, users, judged_programme, view, settings
):
    settings.TALLY_CACHE_SECONDS = 0  # the tally computed each time: its queries count
    programme, _nominations = judged_programme
    client = client_as(users["secretariat"])
    url = reverse(view, args=[programme.pk])
    two = _queries(client, url)
    _more_accepted_dossiers(programme, ["2403", "2404", "2405", "2406"])
    assert _queries(client, url) == two


def test_tally_shows_one_page_of_the_ranking_and_ranks_carry_on(
    client_as, users, judged_programme, settings
):
    settings.LIST_PAGE_SIZE = 2
    settings.TALLY_CACHE_SECONDS = 0
    programme, _nominations = judged_programme
    _more_accepted_dossiers(programme, ["2403"])
    client = client_as(users["secretariat"])
    url = reverse("results:tally", args=[programme.pk])
    first = client.get(url)
    assert [row["result"].rank for row in first.context["rows"]] == [1, 2]
    assert "แถวที่ 1–2 จาก 3" in first.content.decode()
    second = client.get(url, {"page": 2})
    assert [row["result"].rank for row in second.context["rows"]] == [3]
    shown = [row["nomination"] for page in (first, second) for row in page.context["rows"]]
    assert len(set(shown)) == 3
    # A page number past the end gives the last page, not an error.
    assert client.get(url, {"page": 99}).context["rows"] == second.context["rows"]


def test_public_results_come_in_pages_with_each_dossiers_score_sheets(
    client, final_results, settings
):
    settings.LIST_PAGE_SIZE = 1
    programme, _nominations, _results = final_results
    url = reverse("results:public", args=[programme.pk])
    first = client.get(url)
    second = client.get(url, {"page": "2"})
    assert [row.district for row in first.context["rows"]] == ["บางคล้า"]
    assert [row.district for row in second.context["rows"]] == ["เมืองฉะเชิงเทรา"]
    assert len(second.context["rows"][0].sheets) == 6
    assert "ถัดไป" in first.content.decode()
    assert "ถัดไป" not in second.content.decode()


def test_progress_board_pages_and_reopen_forms_only_for_the_page(
    client_as, users, judged_programme, settings
):
    settings.LIST_PAGE_SIZE = 1
    programme, (bangkhla, _mueang) = judged_programme
    client = client_as(users["committee_chair"])
    second = client.get(reverse("judging:progress", args=[programme.pk]), {"page": 2})
    assert [row.nomination for row in second.context["page"]] == [bangkhla]
    reopen = {
        reverse("judging:reopen", args=[programme.pk, sheet["pk"]])
        for sheet in second.context["submitted_sheets"]
    }
    bangkhla_sheets = {
        reverse("judging:reopen", args=[programme.pk, pk])
        for pk in ScoreSheet.objects.filter(nomination=bangkhla).values_list("pk", flat=True)
    }
    assert reopen == bangkhla_sheets
    assert all(url in second.content.decode() for url in reopen)


def test_tally_is_computed_once_until_the_next_audited_write(client_as, users, judged_programme):
    programme, (bangkhla, _mueang) = judged_programme
    client = client_as(users["secretariat"])
    url = reverse("results:tally", args=[programme.pk])

    def counted_and_score_queries():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        counted = {row["nomination"]: row["result"].counted for row in response.context["rows"]}
        sums = [q for q in ctx.captured_queries if '"judging_score"' in q["sql"]]
        return counted[bangkhla], len(sums)

    assert counted_and_score_queries() == (6, 2)  # computed
    assert counted_and_score_queries() == (6, 0)  # from the cache
    chair = programme.seats.get(role="chair").user
    sheet = ScoreSheet.objects.get(seat__number=3, nomination=bangkhla)
    services.reopen_sheet(sheet=sheet, actor=chair, reason="ทดสอบ")
    assert counted_and_score_queries() == (5, 2)  # the reopening is seen at once
