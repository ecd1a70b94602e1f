"""Every endpoint, every role, against data a user would recognise."""

import datetime as dt

import pytest

from rangwan.programmes.models import Programme
from rangwan.results.models import Results
from tests.factories import DistrictFactory, ProgrammeFactory

ROLES = [
    "secretariat",
    "viewer",
    "committee_chair",
    "committee_member",
    "district_staff",
    "district_head",
]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("secretariat", 200),
        ("viewer", 200),
        ("committee_chair", 200),
        ("committee_member", 200),
        ("district_staff", 403),
        ("district_head", 403),
    ],
)
def test_programme_list_is_for_those_who_see_the_web_list(
    demo, users, token_for, api_get, role, status
):
    response = api_get("/programmes", token_for(users[role]))
    assert response.status_code == status
    if status == 200:
        (programme,) = response.json()
        assert programme["fiscal_year"] == 2568
        assert programme["results"] == "not_published"
        assert programme["dossier_deadline"] == "2025-04-30"
    else:
        assert response.json()["code"] == "forbidden"


@pytest.mark.parametrize(
    ("role", "status"),
    [(role, 200 if role in {"secretariat", "viewer"} else 403) for role in ROLES],
)
def test_programme_detail_and_districts_are_for_those_who_see_the_dashboard(
    demo, users, token_for, api_get, role, status
):
    token = token_for(users[role])
    assert api_get(f"/programmes/{demo.pk}", token).status_code == status
    assert api_get(f"/programmes/{demo.pk}/districts", token).status_code == status


def test_programme_detail_shows_the_dashboards_work_plan_and_indicators(
    demo, users, token_for, api_get, time_at
):
    time_at(dt.date(2025, 4, 1))
    body = api_get(f"/programmes/{demo.pk}", token_for(users["viewer"])).json()
    assert [step["number"] for step in body["work_plan"]] == list(range(1, 9))
    step_4 = body["work_plan"][3]
    assert step_4["due_date"] == "2025-04-30"
    assert step_4["overdue"] is False
    assert [ind["code"] for ind in body["indicators"]] == ["10.1", "10.2", "10.3"]
    assert body["indicators"][0]["target"] == 11
    assert body["today"] == "2025-04-01"
    assert (body["next_deadline"]["date"], body["next_deadline"]["days_left"]) == (
        "2025-04-30",
        29,
    )
    assert [d["passed"] for d in body["deadlines"]] == [True, False, False, False]


def test_districts_show_each_nomination_state_not_registered_included(
    demo, users, token_for, api_get, submitted
):
    body = api_get(f"/programmes/{demo.pk}/districts", token_for(users["secretariat"])).json()
    states = {row["code"]: row["state"] for row in body["districts"]}
    assert len(states) == 11
    assert states["2402"] == "submitted"  # บางคล้า, the fixture's district
    assert {state for code, state in states.items() if code != "2402"} == {"not_registered"}


def test_an_unknown_programme_is_404_before_the_right_is_asked(demo, users, token_for, api_get):
    missing = Programme.objects.order_by("-pk").first().pk + 1
    for role in ("secretariat", "district_staff"):
        response = api_get(f"/programmes/{missing}", token_for(users[role]))
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_a_malformed_id_is_422_with_the_reason(demo, users, token_for, api_get):
    token = token_for(users["secretariat"])
    for bad in ("abc", "0", "-1", "99999999999999999999"):
        response = api_get(f"/programmes/{bad}/districts", token)
        assert response.status_code == 422, bad
        body = response.json()
        assert body["code"] == "invalid_request"
        assert body["detail"][0]["loc"] == ["path", "pk"]


def test_results_are_404_until_published_as_on_the_public_page(demo, api_get, client):
    response = api_get(f"/programmes/{demo.pk}/results")
    assert response.status_code == 404
    assert response.json()["code"] == "results_not_published"
    assert client.get(f"/results/{demo.pk}/").status_code == 404


def test_results_of_an_unknown_programme_are_404(demo, api_get):
    response = api_get(f"/programmes/{demo.pk + 1000}/results")
    assert response.json()["code"] == "not_found"


def test_final_results_need_no_token_and_show_the_public_pages_content(final_results, api_get):
    programme, _nominations, results = final_results
    response = api_get(f"/programmes/{programme.pk}/results")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "final"
    assert body["sha256"] == results.digest
    first, second = body["ranking"]
    assert (first["rank"], first["district"]) == (1, "บางคล้า")
    assert first["total"] == "95.00"  # 35 on the joint work, everything else full
    assert second["total"] == "90.00"
    assert first["means"]["3"] == "35.00"
    # Seats 1–6 scored: six sheets, numbered 1–6 within the dossier in order of points.
    assert [s["label"] for s in first["sheets"]] == [1, 2, 3, 4, 5, 6]
    assert {s["total"] for s in first["sheets"]} == {"95.00"}
    assert first["recused"] == 0
    assert body["bundle_url"].endswith(f"/results/{programme.pk}/bundle.json")


def test_results_never_give_the_seat_behind_a_members_scores(final_results, api_get):
    programme, _nominations, _results = final_results
    text = api_get(f"/programmes/{programme.pk}/results").content.decode()
    assert '"seat' not in text
    assert '"number"' not in text
    body = api_get(f"/programmes/{programme.pk}/results").json()
    keys = set()

    def walk(value):
        if isinstance(value, dict):
            keys.update(value)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(body)
    assert not {"member", "members", "seat", "seat_number"} & keys  # no per-member key
    assert "commitment" not in text


def test_provisional_results_are_shown_as_provisional_as_on_the_public_page(
    judged_programme, api_get
):
    from rangwan.results import services

    programme, _nominations = judged_programme
    chair = programme.seats.get(role="chair").user
    services.publish_provisional(programme=programme, actor=chair, objection_days=3)
    body = api_get(f"/programmes/{programme.pk}/results").json()
    assert body["status"] == "provisional"
    assert body["finalised_at"] is None
    assert body["objections_close_at"] is not None


def test_certificate_check_says_genuine_revoked_or_not_found(issued, users, api_get):
    from rangwan.honours import services

    _programme, _nominations, certificates = issued
    good, bad = certificates[0], certificates[1]
    services.revoke_certificate(certificate=bad, actor=users["secretariat"], reason="ชื่อผิด")
    # Typed as forgivingly as on /verify/: lower case, spaces, O for 0.
    typed = " ".join(good.display_code.lower().replace("0", "o").split("-"))
    response = api_get(f"/certificates/{typed}")
    assert response.status_code == 200
    assert response.json()["status"] == "genuine"
    assert response.json()["revoked_at"] is None
    assert response["Cache-Control"] == "no-store"
    revoked = api_get(f"/certificates/{bad.code}").json()
    assert (revoked["status"], revoked["revoke_reason"]) == ("revoked", "ชื่อผิด")
    assert revoked["revoked_at"].startswith(
        bad.__class__.objects.get(pk=bad.pk).revoked_at.date().isoformat()
    )
    missing = api_get("/certificates/0000-0000-0000")
    assert missing.status_code == 404
    assert missing.json()["code"] == "certificate_not_found"
    assert api_get("/certificates/not a code at all").status_code == 404


def test_errors_carry_thai_and_english_messages(demo, api_get):
    body = api_get(f"/programmes/{demo.pk}").json()
    assert body["code"] == "unauthorized"
    assert body["message_en"].startswith("Send a valid API token")
    assert body["message_th"] != body["message_en"]


def test_the_api_ignores_the_session(demo, users, client):
    client.force_login(users["secretariat"])
    assert client.get("/api/v1/programmes").status_code == 401


def test_head_answers_like_get(demo, users, token_for, client):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for(users['viewer'])}"}
    assert client.head(f"/api/v1/programmes/{demo.pk}", **auth).status_code == 200
    assert client.head(f"/api/v1/programmes/{demo.pk}").status_code == 401


def _more_programmes(demo, count):
    for year in range(count):
        programme = ProgrammeFactory(province=demo.province, fiscal_year=2569 + year)
        programme.districts.set(demo.districts.all())


@pytest.mark.parametrize("extra", [0, 2])
def test_programme_list_queries_do_not_grow_with_programmes(
    demo, users, token_for, api_get, django_assert_num_queries, extra
):
    _more_programmes(demo, extra)
    token = token_for(users["secretariat"])
    api_get("/programmes", token)  # last_used_at is written at most once a minute
    # The token with its user, the programmes with province and results state.
    with django_assert_num_queries(2):
        assert len(api_get("/programmes", token).json()) == 1 + extra


@pytest.mark.parametrize("extra", [0, 3])
def test_districts_queries_do_not_grow_with_districts(
    demo, users, token_for, api_get, django_assert_num_queries, submitted, extra
):
    for _ in range(extra):
        demo.districts.add(DistrictFactory(province=demo.province))
    token = token_for(users["viewer"])
    api_get(f"/programmes/{demo.pk}/districts", token)
    # Token, programme, nominations' states, districts.
    with django_assert_num_queries(4):
        body = api_get(f"/programmes/{demo.pk}/districts", token).json()
    assert len(body["districts"]) == 11 + extra


def test_results_queries_are_few(final_results, api_get, django_assert_num_queries):
    programme, _nominations, _results = final_results
    # The results, and the audit entry their digest is checked against.
    with django_assert_num_queries(2):
        assert api_get(f"/programmes/{programme.pk}/results").status_code == 200


def test_results_state_in_the_list_follows_publication(final_results, users, token_for, api_get):
    (programme,) = api_get("/programmes", token_for(users["viewer"])).json()
    assert programme["results"] == "final"
    assert Results.objects.get().is_final
