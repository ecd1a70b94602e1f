"""Every view, every role: the answer each one gets, from one explicit table.

A pattern added to the URL configuration without a line here fails
`test_every_url_pattern_is_named_and_in_the_table`; a model registered in the admin
without one fails `test_every_admin_page_is_in_the_table`.
"""

import re

import pytest
from django.contrib import admin
from django.urls import URLResolver, get_resolver, resolve, reverse

from rangwan.accounts.enums import Role
from tests.factories import DistrictFactory, UserFactory

ANON = "anonymous"
SEC, STAFF, HEAD = "secretariat", "district_staff", "district_head"
MEMBER, CHAIR, VIEWER = "committee_member", "committee_chair", "viewer"
# District users of another district than the one whose nomination is requested.
OTHER_STAFF, OTHER_HEAD = "other_staff", "other_head"
DISTRICT = {STAFF, HEAD, OTHER_STAFF, OTHER_HEAD}
SIGNED_IN = {SEC, MEMBER, CHAIR, VIEWER} | DISTRICT
ROLES = [ANON, *sorted(SIGNED_IN)]
# Every method a client may send.
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

# url name -> method -> (roles allowed, status they get). Everyone else gets 403,
# or, when not signed in, a redirect to the sign-in page.
MATRIX = {
    "home": {"GET": (SIGNED_IN, 302)},
    "core:privacy": {"GET": ({ANON, *SIGNED_IN}, 200)},
    "directory:person_export": {"GET": ({SEC}, 200)},
    "accounts:login": {"GET": ({ANON}, 200)},
    "accounts:logout": {"POST": ({ANON, *SIGNED_IN}, 302)},
    "programmes:list": {"GET": ({SEC, MEMBER, CHAIR, VIEWER}, 200)},
    "programmes:create": {"GET": ({SEC}, 200), "POST": ({SEC}, 200)},
    "reports:dashboard": {"GET": ({SEC, VIEWER}, 200)},
    "programmes:edit": {"GET": ({SEC}, 200), "POST": ({SEC}, 200)},
    "programmes:copy": {"GET": ({SEC}, 200), "POST": ({SEC}, 302)},
    "programmes:step_add": {"GET": ({SEC}, 200), "POST": ({SEC}, 200)},
    "programmes:step_row": {"GET": ({SEC}, 200)},
    "programmes:step_edit": {"GET": ({SEC}, 200), "POST": ({SEC}, 200)},
    "judging:rubric": {"GET": (SIGNED_IN, 200)},
    "judging:rubric_edit": {"GET": ({SEC}, 200), "POST": ({SEC}, 200)},
    "judging:committee": {"GET": ({SEC, MEMBER, CHAIR, VIEWER}, 200)},
    "judging:seat_add": {"GET": ({SEC}, 200), "POST": ({SEC}, 200)},
    "judging:seat_edit": {"GET": ({SEC}, 200), "POST": ({SEC}, 200)},
    "nominations:district_home": {"GET": (DISTRICT, 200)},
    "nominations:mine": {"GET": (DISTRICT, 200)},
    "nominations:register": {
        "GET": ({STAFF, OTHER_STAFF}, 200),
        "POST": ({STAFF, OTHER_STAFF}, 200),
    },
    "nominations:screening": {"GET": ({SEC}, 200)},
    "nominations:packet": {"GET": ({SEC, MEMBER, CHAIR}, 200)},
    "nominations:dossier_pdf": {"GET": ({SEC, STAFF, HEAD, MEMBER, CHAIR}, 200)},
    "nominations:extension": {"GET": ({SEC}, 200), "POST": ({SEC}, 200)},
    "nominations:detail": {"GET": ({SEC, STAFF, HEAD, MEMBER, CHAIR}, 200)},
    "nominations:dossier": {"GET": ({STAFF}, 200), "POST": ({STAFF}, 200)},
    "nominations:autosave": {"POST": ({STAFF}, 200)},
    "nominations:evidence_add": {"POST": ({STAFF}, 302)},
    "nominations:evidence_remove": {"POST": ({STAFF}, 302)},
    "nominations:evidence_file": {"GET": ({SEC, STAFF, HEAD, MEMBER, CHAIR}, 200)},
    "nominations:certify": {"POST": ({HEAD}, 302)},
    "nominations:submit": {"POST": ({STAFF}, 302)},
    "nominations:screen": {"POST": ({SEC}, 302)},
    "nominations:version": {"GET": ({SEC, STAFF, HEAD, MEMBER, CHAIR}, 200)},
    "nominations:receipt": {"GET": ({SEC, STAFF, HEAD, MEMBER, CHAIR}, 200)},
    "judging:judge_home": {"GET": ({MEMBER, CHAIR}, 200)},
    "judging:declare": {"GET": ({MEMBER, CHAIR}, 200), "POST": ({MEMBER, CHAIR}, 200)},
    "judging:sheet": {"GET": ({MEMBER, CHAIR}, 200), "POST": ({MEMBER, CHAIR}, 200)},
    "judging:conflicts": {"GET": ({CHAIR}, 200)},
    "judging:rule": {"POST": ({CHAIR}, 302)},
    "judging:reopen": {"POST": ({CHAIR}, 302)},
    "judging:progress": {"GET": ({SEC, CHAIR}, 200)},
    "results:tally": {"GET": ({SEC, CHAIR}, 200)},
    "judging:schedule": {"GET": ({SEC}, 200), "POST": ({SEC}, 200)},
    "judging:agenda": {"GET": ({SEC, VIEWER, MEMBER, CHAIR}, 200)},
    # Nothing is published in the matrix's programme: everyone gets the same 404 page.
    "results:public": {"GET": ({ANON, *SIGNED_IN}, 404)},
    "results:bundle": {"GET": ({ANON, *SIGNED_IN}, 404)},
    "results:publish": {"POST": ({SEC, CHAIR}, 302)},
    "results:finalise": {"POST": ({CHAIR}, 302)},
    "results:tie_vote": {"POST": ({CHAIR}, 302)},
    # Lessons learned, in a programme whose results are not final: nothing is started,
    # so writes are refused with a message (302) and files are not found (404). The
    # winning district's rights are in tests/learning/test_views.py.
    "learning:lessons": {"GET": ({SEC, VIEWER, MEMBER, CHAIR}, 200)},
    "learning:start": {"POST": ({SEC}, 302)},
    "learning:edit": {"GET": ({SEC}, 302), "POST": ({SEC}, 302)},
    "learning:autosave": {"POST": ({SEC}, 404)},
    "learning:photo_add": {"POST": ({SEC}, 302)},
    "learning:photo_caption": {"POST": ({SEC}, 404)},
    "learning:photo_remove": {"POST": ({SEC}, 404)},
    "learning:photo_file": {"GET": ({SEC, VIEWER, MEMBER, CHAIR}, 404)},
    "learning:publish": {"POST": ({SEC}, 302)},
    "learning:unpublish": {"POST": ({SEC}, 302)},
    "learning:booklet_pdf": {"GET": ({SEC, VIEWER, MEMBER, CHAIR}, 404)},
    "learning:booklet_docx": {"GET": ({SEC, VIEWER, MEMBER, CHAIR}, 404)},
    "documents:letter": {"GET": ({SEC}, 200)},
    "documents:letter_edit": {"GET": ({SEC}, 200), "POST": ({SEC}, 200)},
    # The letter goes to the demo's district offices (.test addresses), then back to its page.
    "documents:letter_send": {"POST": ({SEC}, 302)},
    "documents:letter_pdf": {"GET": ({SEC}, 200)},
    "documents:workplan_pdf": {"GET": ({SEC}, 200)},
    "documents:form3_pdf": {"GET": ({SEC}, 200)},
    "documents:form4_pdf": {"GET": ({SEC}, 200)},
    "documents:rubric_pdf": {"GET": ({SEC}, 200)},
    # The matrix's results are not final: the announcement is refused.
    "documents:announcement_pdf": {"GET": ({SEC, VIEWER}, 404)},
    # Superiors (viewers) read the report; the exports name members beside their scores.
    "reports:report": {"GET": ({SEC, VIEWER}, 200)},
    "reports:report_pdf": {"GET": ({SEC, VIEWER}, 200)},
    "reports:report_docx": {"GET": ({SEC, VIEWER}, 200)},
    "reports:report_xlsx": {"GET": ({SEC, VIEWER}, 200)},
    "reports:nominations_csv": {"GET": ({SEC}, 200)},
    "reports:scores_csv": {"GET": ({SEC}, 200)},
    "reports:exports_xlsx": {"GET": ({SEC}, 200)},
    # Certificates: anyone may check one; the secretariat manages, the viewer reads.
    "honours:verify_form": {"GET": ({ANON, *SIGNED_IN}, 200)},
    "honours:verify": {"GET": ({ANON, *SIGNED_IN}, 200)},
    "honours:list": {"GET": ({SEC, VIEWER}, 200)},
    "honours:batch_start": {"GET": ({SEC}, 200), "POST": ({SEC}, 200)},
    "honours:pdf": {"GET": ({SEC, VIEWER}, 200)},
    "honours:revoke": {"GET": ({SEC}, 200), "POST": ({SEC}, 200)},
    "honours:batch_status": {"GET": ({SEC, VIEWER}, 200)},
    "honours:batch_zip": {"GET": ({SEC}, 200)},
}
# Signed-in users who open the sign-in page are sent on home.
SPECIAL = {("accounts:login", "GET"): 302}
# Outside MATRIX, with the answer everyone gets to every method. The language switch
# only sets a cookie (on POST) and sends the visitor back. Static files are served by
# WhiteNoise's middleware and uploads only through views in MATRIX: neither has a
# pattern. The admin has its own table (ADMIN_RIGHTS, below).
OPEN_TO_ALL = {"set_language": 302}

# The JSON API (/api/v1/, rangwan/api): walked with a bearer token per role, as the API
# ignores the session. url name -> (roles allowed, status they get) for GET and HEAD;
# other signed-in roles get 403, a request without a token 401 (JSON, not a redirect).
# Any other method gets 405 from everyone: django-ninja checks the method first.
API_MATRIX = {
    "api:openapi-json": ({ANON, *SIGNED_IN}, 200),
    "api:openapi-view": ({ANON, *SIGNED_IN}, 200),
    # As the web list, programmes:list.
    "api:programme_list": ({SEC, MEMBER, CHAIR, VIEWER}, 200),
    # As the dashboard, reports:dashboard, which shows the districts' states.
    "api:programme_detail": ({SEC, VIEWER}, 200),
    "api:programme_districts": ({SEC, VIEWER}, 200),
    # As results:public: nothing is published in the matrix's programme.
    "api:programme_results": ({ANON, *SIGNED_IN}, 404),
    # As honours:verify.
    "api:certificate_check": ({ANON, *SIGNED_IN}, 200),
}
# django-ninja's root: a plain Django 404 to every method, for everyone.
API_OPEN_TO_ALL = {"api:api-root": 404}


def _url_patterns(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    """Every pattern, through every include(), path() and re_path(): (route, namespace,
    name or None)."""
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_patterns(pattern, route, inner)
        else:
            yield route, namespace, pattern.name


def test_every_url_pattern_is_named_and_in_the_table():
    """The walk reaches a view by its name: a pattern without one, or sharing one (reverse
    finds only one of them), would escape it."""
    outside_admin = [
        (route, f"{namespace}{name}" if name else None)
        for route, namespace, name in _url_patterns(get_resolver())
        if not namespace.startswith("admin:")
    ]
    assert [route for route, name in outside_admin if name is None] == []
    names = [name for _route, name in outside_admin]
    assert sorted({name for name in names if names.count(name) > 1}) == []
    assert set(names) == set(MATRIX) | set(OPEN_TO_ALL) | set(API_MATRIX) | set(API_OPEN_TO_ALL)


NO_PK = {"programmes:list", "programmes:create"}
PROGRAMME_LEVEL = {
    "judging:schedule",
    "judging:agenda",
    "results:public",
    "results:bundle",
    "results:publish",
    "results:finalise",
    "results:tie_vote",
    "judging:judge_home",
    "judging:conflicts",
    "judging:progress",
    "results:tally",
    "nominations:mine",
    "nominations:register",
    "nominations:screening",
    "nominations:packet",
    "documents:letter",
    "documents:letter_edit",
    "documents:letter_send",
    "documents:letter_pdf",
    "documents:workplan_pdf",
    "documents:form3_pdf",
    "documents:form4_pdf",
    "documents:rubric_pdf",
    "documents:announcement_pdf",
    "reports:dashboard",
    "reports:report",
    "reports:report_pdf",
    "reports:report_docx",
    "reports:report_xlsx",
    "reports:nominations_csv",
    "reports:scores_csv",
    "reports:exports_xlsx",
}


@pytest.fixture
def judged(submitted, users, demo):
    """The matrix's nomination: accepted; members 1 (chair) and 2 have declared no
    conflict and opened their sheets; member 3 has declared a conflict."""
    from rangwan.judging import services as scoring
    from rangwan.nominations import services
    from rangwan.nominations.enums import ScreeningOutcome

    services.screen_dossier(
        nomination=submitted, actor=users[SEC], outcome=ScreeningOutcome.ACCEPTED
    )
    submitted.refresh_from_db()
    for number in (1, 2):
        seat = demo.seats.get(number=number)
        scoring.declare(seat=seat, nomination=submitted, actor=seat.user, has_conflict=False)
        scoring.open_sheet(seat=seat, nomination=submitted, actor=seat.user)
    seat = demo.seats.get(number=3)
    scoring.declare(
        seat=seat,
        nomination=submitted,
        actor=seat.user,
        has_conflict=True,
        kind="relative",
        reason="ญาติ",
    )
    import datetime as dt

    from rangwan.judging import services as schedule

    meeting = schedule.save_meeting(
        programme=demo,
        actor=users[SEC],
        date=dt.date(2025, 5, 27),
        start_time=dt.time(9, 0),
        slot_minutes=20,
    )
    schedule.draw_order(meeting=meeting, actor=users[SEC])
    return submitted


def _honours_kwargs(name: str, demo, nomination) -> dict:
    """A certificate and a finished batch for the matrix (made directly: the matrix's
    results are not final, so the services would refuse)."""
    from django.core.files.base import ContentFile

    from rangwan.accounts.models import User
    from rangwan.honours.models import Certificate, CertificateBatch

    secretariat = User.objects.get(username="secretariat")
    certificate, _created = Certificate.objects.get_or_create(
        code="MATR1XC0DE00",
        defaults={
            "programme": demo,
            "person": nomination.officer,
            "nomination": nomination,
            "kind": "participation",
            "name": nomination.officer.full_name,
            "award_text": "ได้เข้าร่วมการคัดเลือก",
            "programme_text": demo.name_th,
            "issuer": "สำนักงานพัฒนาชุมชนจังหวัดฉะเชิงเทรา",
            "issued_on": "2025-06-13",
            "signer_name": "นายชโล พงษ์สุข",
            "signer_position": "พัฒนาการจังหวัดฉะเชิงเทรา",
            "issued_by": secretariat,
        },
    )
    if name.startswith("honours:batch_") and name != "honours:batch_start":
        batch = CertificateBatch.objects.filter(programme=demo).first()
        if batch is None:
            batch = CertificateBatch(programme=demo, started_by=secretariat, status="done")
            batch.file.save("matrix.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=False)
            batch.save()
        return {"pk": batch.pk}
    if name == "honours:verify":
        return {"code": certificate.code}
    if name in {"honours:pdf", "honours:revoke"}:
        return {"pk": certificate.pk}
    if name == "honours:verify_form":
        return {}
    return {"pk": demo.pk}


def _kwargs(name: str, demo, nomination) -> dict:
    if name.startswith("honours:"):
        return _honours_kwargs(name, demo, nomination)
    if name == "directory:person_export":
        return {"pk": nomination.officer_id}
    evidence = nomination.evidence.first()
    if name in {"judging:declare", "judging:sheet"}:
        return {"pk": demo.pk, "nomination_pk": nomination.pk}
    if name == "judging:rule":
        return {"pk": demo.pk, "declaration_pk": nomination.declarations.get(has_conflict=True).pk}
    if name == "judging:reopen":
        return {"pk": demo.pk, "sheet_pk": nomination.sheets.first().pk}
    if name == "nominations:extension":
        return {"pk": demo.pk, "district_pk": nomination.district_id}
    if name == "nominations:evidence_file":
        return {"evidence_pk": evidence.pk, "variant": "file"}
    if name == "nominations:evidence_remove":
        return {"pk": nomination.pk, "evidence_pk": evidence.pk}
    if name in {"nominations:version", "nominations:receipt"}:
        return {"pk": nomination.pk, "number": 1}
    if name.startswith("nominations:") and name not in PROGRAMME_LEVEL | {
        "nominations:district_home"
    }:
        return {"pk": nomination.pk}
    if name in {"learning:photo_caption", "learning:photo_remove"}:
        return {"pk": demo.pk, "photo_pk": 1}
    if name == "learning:photo_file":
        return {"pk": demo.pk, "photo_pk": 1, "variant": "file"}
    if name.startswith("learning:"):
        return {"pk": demo.pk}
    if name in {"programmes:step_row", "programmes:step_edit"}:
        return {"pk": demo.pk, "step_pk": demo.steps.first().pk}
    if name == "judging:seat_edit":
        return {"pk": demo.pk, "seat_pk": demo.seats.first().pk}
    if (
        name.startswith(("programmes:", "judging:")) and name not in NO_PK
    ) or name in PROGRAMME_LEVEL:
        return {"pk": demo.pk}
    return {}


CASES = [
    (name, method, role) for name, methods in MATRIX.items() for method in methods for role in ROLES
]


def test_every_url_in_the_table_reaches_its_own_view(demo, judged):
    """An earlier pattern that matched the address first would answer in its place."""
    elsewhere = []
    for name in MATRIX:
        url = reverse(name, kwargs=_kwargs(name, demo, judged))
        if resolve(url).view_name != name:
            elsewhere.append(f"{name}: {url} reaches {resolve(url).view_name}")
    assert elsewhere == []


@pytest.mark.parametrize("name", sorted(OPEN_TO_ALL))
def test_views_open_to_all_answer_everyone_alike(client, users, name):
    wrong = []
    for role in ROLES:
        client.logout()
        if role != ANON:
            client.force_login(users[role])
        for method in METHODS:
            status = client.generic(method, reverse(name)).status_code
            if status != OPEN_TO_ALL[name]:
                wrong.append(f"{role} {method}: {status}")
    assert wrong == []


@pytest.mark.parametrize(("name", "method", "role"), CASES)
def test_each_role_gets_the_answer_in_the_table(client, users, demo, judged, name, method, role):
    allowed, status = MATRIX[name][method]
    if role != ANON:
        client.force_login(users[role])
    url = reverse(name, kwargs=_kwargs(name, demo, judged))
    response = client.get(url) if method == "GET" else client.post(url, {})
    if role in allowed:
        expected = status
    elif role == ANON:
        expected = 302
    else:
        expected = SPECIAL.get((name, method), 403)
    assert response.status_code == expected, f"{role} {method} {url}"
    if role == ANON and role not in allowed:
        assert response["Location"].startswith(reverse("accounts:login"))


# What a GET may write: the session row, which the idle timeout's middleware
# (rangwan.core.middleware) saves again to move the last request's time on.
WRITES_ALLOWED_ON_GET = {"django_session"}
WRITE_STATEMENT = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)


def _kept_models() -> list:
    """Every table of the project's apps, the accounts' groups and permissions, the
    sign-in record (axes) and the queued tasks: what a read must leave as it was."""
    from django.apps import apps

    kept = ("rangwan.", "django.contrib.auth", "axes", "django_tasks_db")
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith(kept)
        for model in config.get_models(include_auto_created=True)
    ]


def test_no_get_in_the_table_writes_anything(client, users, demo, judged):
    """Every GET of MATRIX, as every role, leaves the data as it found it: no row added
    or removed in any table of `_kept_models`, and no INSERT, UPDATE or DELETE (a row
    count does not see an UPDATE) sent to any table but the session's. A read that
    wrote would make rows nobody decided on, outside the audit record, each time a
    crawler or a browser's prefetch passed by.

    The session is left out on purpose: the idle timeout's middleware saves the time
    of the last request in it, and signing in writes it. It is the request's own state,
    like a cookie, not a record of the project. Signing in also sets last_login and
    adds to axes' access log: it happens before the counts, once per role. One test
    for the whole walk, as the fixtures are the slow part; the message names each
    address, role and table."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    models = _kept_models()
    wrote = []
    for role in ROLES:
        client.logout()
        if role != ANON:
            client.force_login(users[role])
        for name, methods in MATRIX.items():
            if "GET" not in methods:
                continue
            url = reverse(name, kwargs=_kwargs(name, demo, judged))
            # Each request rolled back: a write is found at every address and role that
            # makes it, not only at the first.
            with transaction.atomic():
                counts = {model: model._base_manager.count() for model in models}
                with CaptureQueriesContext(connection) as queries:
                    client.get(url)
                for model, before in counts.items():
                    after = model._base_manager.count()
                    if after != before:
                        wrote.append(
                            f"{role} GET {url} ({name}): {model._meta.db_table} {before} -> {after}"
                        )
                transaction.set_rollback(True)
            for query in queries.captured_queries:
                statement = WRITE_STATEMENT.match(query["sql"])
                if statement and statement[2] not in WRITES_ALLOWED_ON_GET:
                    wrote.append(f"{role} GET {url} ({name}): {statement[1]} {statement[2]}")
    assert wrote == [], "\n".join(dict.fromkeys(wrote))


def _api_kwargs(name: str, demo, nomination) -> dict:
    if name == "api:certificate_check":
        return {"code": _honours_kwargs("honours:verify", demo, nomination)["code"]}
    if name.startswith("api:programme_") and name != "api:programme_list":
        return {"pk": demo.pk}
    return {}


@pytest.mark.parametrize("name", sorted(API_MATRIX))
def test_each_role_gets_the_api_answer_in_the_table_to_every_method(
    client, users, demo, judged, name
):
    from rangwan.api.services import create_token

    tokens = {
        role: create_token(user=users[role], name="walk", actor=users[SEC])[1] for role in SIGNED_IN
    }
    url = reverse(name, kwargs=_api_kwargs(name, demo, judged))
    assert resolve(url).view_name == name
    allowed, status = API_MATRIX[name]
    wrong = []
    for role in ROLES:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens[role]}"} if role != ANON else {}
        for method in METHODS:
            response = client.generic(method, url, **headers)
            if method not in {"GET", "HEAD"}:
                expected = 405
            elif role in allowed:
                expected = status
            else:
                expected = 401 if role == ANON else 403
            if response.status_code != expected:
                wrong.append(f"{role} {method} {url}: {response.status_code}, expected {expected}")
            elif expected in {401, 403, 404} and name.startswith("api:programme_"):
                assert response["Content-Type"].startswith("application/json"), url
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(API_OPEN_TO_ALL))
def test_api_views_open_to_all_answer_everyone_alike(client, users, name):
    from rangwan.api.services import create_token

    wrong = []
    for role in ROLES:
        headers = {}
        if role != ANON:
            secret = create_token(user=users[role], name="walk", actor=users[SEC])[1]
            headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        for method in METHODS:
            status = client.generic(method, reverse(name), **headers).status_code
            if status != API_OPEN_TO_ALL[name]:
                wrong.append(f"{role} {method}: {status}")
    assert wrong == []


def test_district_user_cannot_open_a_programme_their_district_is_not_in(client, demo):
    outsider = UserFactory(role=Role.DISTRICT_STAFF, district=DistrictFactory())
    client.force_login(outsider)
    assert client.get(reverse("judging:rubric", args=[demo.pk])).status_code == 403


@pytest.mark.parametrize("role", sorted(SIGNED_IN - {SEC}))
def test_only_the_secretariat_reaches_the_admin(client, users, role):
    client.force_login(users[role])
    assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(users[SEC])
    page = client.get(reverse("admin:index"))
    assert page.status_code == 200
    assert reverse("admin:directory_district_changelist") in page.content.decode()


def test_secretariat_cannot_grant_superuser_rights_in_the_admin(client, users):
    client.force_login(users[SEC])
    page = client.get(reverse("admin:accounts_user_change", args=[users[VIEWER].pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="is_superuser"' not in html
    assert 'name="user_permissions"' not in html


def test_secretariat_cannot_reach_a_superuser_nor_make_one_in_the_admin(client, users):
    from rangwan.accounts.models import User

    root = User.objects.create_superuser(username="root", password="x", role=Role.VIEWER)
    client.force_login(users[SEC])
    # Not in the secretariat's list of accounts: "does not exist", back to the index.
    assert client.get(reverse("admin:accounts_user_change", args=[root.pk])).status_code == 302
    assert client.get(reverse("admin:auth_user_password_change", args=[root.pk])).status_code == 404
    viewer = users[VIEWER]
    response = client.post(
        reverse("admin:accounts_user_change", args=[viewer.pk]),
        {
            "username": viewer.username,
            "first_name": viewer.first_name,
            "last_name": viewer.last_name,
            "role": viewer.role,
            "is_active": "on",
            "is_superuser": "on",
            "is_staff": "on",
        },
    )
    assert response.status_code == 302
    viewer.refresh_from_db()
    assert (viewer.is_superuser, viewer.is_staff) == (False, False)


def test_secretariat_cannot_delete_audit_entries_with_the_list_action(client, users, submitted):
    from rangwan.audit.models import AuditEntry

    client.force_login(users[SEC])
    before = AuditEntry.objects.count()
    client.post(
        reverse("admin:audit_auditentry_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(AuditEntry.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert AuditEntry.objects.count() == before


def test_secretariat_can_read_but_not_change_the_audit_record(client, users, submitted):
    from rangwan.audit.models import AuditEntry

    client.force_login(users[SEC])
    entry = AuditEntry.objects.filter(action="dossier.submit").get()
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    page = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert page.status_code == 200
    assert 'name="action"' not in page.content.decode()  # shown, not editable
    assert client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk])).status_code == 403
    client.force_login(users[VIEWER])
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 302


def test_admin_changes_to_reference_data_are_in_the_audit_chain(client, users, demo):
    from rangwan.audit.models import AuditEntry
    from rangwan.directory.models import District

    client.force_login(users[SEC])
    district = District.objects.get(code="2402")
    response = client.post(
        reverse("admin:directory_district_change", args=[district.pk]),
        {
            "province": district.province_id,
            "code": "2402",
            "name_th": "บางคล้า",
            "name_en": "Bang Khla (amended)",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="admin.change").get()
    assert entry.before["name_en"] == "Bang Khla"
    assert entry.after["name_en"] == "Bang Khla (amended)"
    assert entry.actor == users[SEC]


def test_deleting_selected_objects_in_the_admin_leaves_one_audit_entry_each(client, users, demo):
    """The changelist's "delete selected" action goes through `delete_queryset`, not
    `delete_model`: without its own audit entries a bulk delete left no trace."""
    from rangwan.audit.models import AuditEntry
    from rangwan.directory.models import Person

    people = [Person.objects.create(first_name="ทดสอบ", last_name=f"ลบ {n}") for n in (1, 2)]
    client.force_login(users[SEC])
    response = client.post(
        reverse("admin:directory_person_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [person.pk for person in people],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not Person.objects.filter(pk__in=[person.pk for person in people]).exists()
    entries = AuditEntry.objects.filter(action="admin.delete", object_type="directory.person")
    assert sorted(entries.values_list("object_id", flat=True)) == sorted(
        str(person.pk) for person in people
    )
    assert {entry.before["last_name"] for entry in entries} == {"ลบ 1", "ลบ 2"}
    assert {entry.actor for entry in entries} == {users[SEC]}
    assert all(entry.after is None for entry in entries)


# The permission check comes before the method check, so a method a view does not serve
# answers 405 to the roles with a right on the view, and to everyone else the answer
# they get for a served method: 403, or for anonymous the sign-in redirect. Never 200,
# never 500. HEAD answers like GET where GET is served.
# Views allowed to answer methods they do not serve. Strict xfail, so a view that gets a
# guard fails here until its name is removed.
UNGUARDED = {
    # Django's own class-based sign-in views answer OPTIONS (and LoginView a bare POST
    # with its form); they hold nothing to protect.
    "accounts:login",
    "accounts:logout",
}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=pytest.mark.xfail(name in UNGUARDED, reason="no method guard", strict=True),
        )
        for name in sorted(MATRIX)
    ],
)
def test_methods_a_view_does_not_serve_are_refused(client, users, demo, judged, name):
    url = reverse(name, kwargs=_kwargs(name, demo, judged))
    served = set(MATRIX[name]) | ({"HEAD"} if "GET" in MATRIX[name] else set())
    with_a_right = set().union(*(allowed for allowed, _status in MATRIX[name].values()))
    wrong = []
    for role in ROLES:
        client.logout()
        if role != ANON:
            client.force_login(users[role])
        for method in sorted(set(METHODS) - served):
            status = client.generic(method, url).status_code
            if role in with_a_right:
                expected = {405}
            elif role == ANON:
                expected = {302}
            else:
                expected = {SPECIAL.get((name, "GET"), 403), 403}
            if status not in expected:
                wrong.append(f"{role} {method} {url}: {status}, expected {sorted(expected)}")
    assert not wrong, "\n".join(wrong)


# The Django admin, walked from admin.site: every page of the site and of every
# registered model, every method, every role. Without `accounts.use_admin` (everyone
# but the secretariat) every page sends to the admin's sign-in, and sign-out back to
# the index. The secretariat gets what its rights on each model allow (each app's
# rules.py, narrowed where its admin.py says so).
ALL_RIGHTS = {"view", "add", "change", "delete"}
ADMIN_RIGHTS = {
    "accounts.user": {"view", "add", "change"},  # deactivated, never deleted
    "audit.auditentry": {"view"},  # the record is append-only
    "directory.province": ALL_RIGHTS,
    "directory.district": ALL_RIGHTS,
    "directory.provincialoffice": ALL_RIGHTS,
    "directory.districtoffice": ALL_RIGHTS,
    "directory.officerkind": ALL_RIGHTS,
    "directory.networkkind": ALL_RIGHTS,
    "directory.person": ALL_RIGHTS,
    # Read-only once the programme's results are final (tests/judging/test_admin.py);
    # the walk's programme is not judged yet.
    "judging.judgingrules": {"view", "add", "change"},
    # Registered by Django and by packages: no rule gives them to anyone.
    # Made and revoked, never edited nor deleted; revoking is the list's action, which
    # needs "change" without an object (tests/api/test_tokens.py).
    "api.apitoken": {"view", "add"},
    "auth.group": set(),
    "axes.accessattempt": set(),
    "axes.accesslog": set(),
    "axes.accessfailurelog": set(),
    "django_tasks_database.dbtaskresult": set(),
}
# A model's pages, by the end of their url name -> the right each needs. The admin
# serves every method but POST as GET; a change page needs "change" only for POST.
MODEL_PAGES = {
    "changelist": "view",
    "add": "add",
    "history": "view",
    "delete": "delete",
    "change": "view",
    "password": "change",  # an account's password form (accounts.user only)
    None: None,  # unnamed: the old change address, a redirect to the new one
}
# The site's own pages, as the secretariat gets them: method -> status, 405 otherwise.
# The sign-in form answers everyone the same, but sends the secretariat on (302).
SITE_PAGES = {
    "index": dict.fromkeys(METHODS, 200),
    # Rangwan's own sign-in serves the admin too (accounts.views.admin_sign_in).
    "login": dict.fromkeys(METHODS, 302),
    "logout": {"POST": 302, "OPTIONS": 200},
    "password_change": {"GET": 200, "HEAD": 200, "POST": 200, "PUT": 200, "OPTIONS": 200},
    "password_change_done": {"GET": 200, "HEAD": 200, "OPTIONS": 200},
    # Asked without the field it completes, the autocomplete refuses.
    "autocomplete": {"GET": 403, "HEAD": 403, "OPTIONS": 200},
    "jsi18n": {"GET": 200, "HEAD": 200, "OPTIONS": 200},
    # No model has a public address (get_absolute_url).
    "view_on_site": dict.fromkeys(METHODS, 404),
    # An app's index: 200 where the secretariat has a right on one of its models, else
    # 404 (see _secretariat_answer).
    "app_list": None,
    None: dict.fromkeys(METHODS, 404),  # unnamed: the catch-all for any other address
}


def _admin_patterns() -> list[tuple[str, str, str | None]]:
    """(owner: a model label or "site", route, url name) for every pattern of the admin."""
    root = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", "") == "admin")
    by_route = {f"{m._meta.app_label}/{m._meta.model_name}/": m for m in admin.site._registry}
    patterns = []
    for route, _namespace, name in _url_patterns(root, str(root.pattern), "admin:"):
        owner = next((m for prefix, m in by_route.items() if prefix in route), None)
        patterns.append((owner._meta.label_lower if owner else "site", route, name))
    return patterns


ADMIN_PATTERNS = _admin_patterns()


def _model_page(name: str | None) -> str | None:
    if name is None:
        return None
    return "password" if name.endswith("_password_change") else name.rsplit("_", 1)[-1]


def test_every_admin_page_is_in_the_table():
    assert set(ADMIN_RIGHTS) == {model._meta.label_lower for model in admin.site._registry}
    unknown = [
        (owner, route, name)
        for owner, route, name in ADMIN_PATTERNS
        if (owner == "site" and name not in SITE_PAGES)
        or (owner != "site" and _model_page(name) not in MODEL_PAGES)
    ]
    assert unknown == []


def _admin_object(label: str, users) -> str:
    """The primary key of a real object of the model, made if the demo has none."""
    import datetime as dt

    from django.apps import apps

    from rangwan.judging.models import JudgingRules
    from rangwan.programmes.models import Programme

    if label == "accounts.user":
        return str(users[VIEWER].pk)
    if label == "judging.judgingrules":
        programme = Programme.objects.get(fiscal_year=2568)
        return str(JudgingRules.objects.get_or_create(programme=programme)[0].pk)
    if label == "api.apitoken":
        from rangwan.api.services import create_token

        existing = (
            apps.get_model(label).objects.first()
            or create_token(user=users[VIEWER], name="walk", actor=users[SEC])[0]
        )
        return str(existing.pk)
    model = apps.get_model(label)
    existing = model.objects.order_by("pk").first()
    if existing is not None:
        return str(existing.pk)
    now = dt.datetime.now(dt.UTC)
    visit = {"user_agent": "", "ip_address": "127.0.0.1", "username": "walk"}
    visit |= {"http_accept": "", "path_info": "/", "attempt_time": now}
    made = {
        "auth.group": {"name": "walk"},
        "axes.accessattempt": visit | {"get_data": "", "post_data": "", "failures_since_start": 1},
        "axes.accesslog": visit,
        "axes.accessfailurelog": visit,
        "django_tasks_database.dbtaskresult": {
            "enqueued_at": now,
            "run_after": now,
            "args_kwargs": {"args": [], "kwargs": {}},
            "task_path": "walk",
            "backend_name": "default",
            "exception_class_path": "",
            "traceback": "",
        },
        "directory.person": {"first_name": "ทดสอบ", "last_name": "ทุกหน้า"},
    }[label]
    return str(model.objects.create(**made).pk)


def _admin_urls(owner: str, users) -> list[tuple[str, str | None, str]]:
    """(url, url name, route) for each of the owner's patterns, with real primary keys."""
    from django.contrib.contenttypes.models import ContentType

    urls = []
    for pattern_owner, route, name in ADMIN_PATTERNS:
        if pattern_owner != owner:
            continue
        if name == "app_list":
            labels = re.search(r"\(\?P<app_label>([^)]*)\)", route)[1].split("|")
            urls += [(reverse("admin:app_list", args=[label]), name, route) for label in labels]
        elif name == "view_on_site":
            person = ContentType.objects.get(app_label="directory", model="person")
            args = [person.pk, _admin_object("directory.person", users)]
            urls.append((reverse("admin:view_on_site", args=args), name, route))
        elif owner == "site" and name is None:
            urls.append(("/admin/no-such-page/", name, route))
        else:
            pk = "" if owner == "site" else _admin_object(owner, users)
            urls.append(("/" + re.sub(r"<(?:\w+:)?\w+>", pk, route), name, route))
    return urls


def _secretariat_answer(owner: str, name: str | None, method: str, url: str) -> int:
    if name == "app_list":
        app = url.strip("/").rsplit("/", 1)[-1]
        return 200 if any(r for m, r in ADMIN_RIGHTS.items() if m.startswith(f"{app}.")) else 404
    if owner == "site":
        return SITE_PAGES[name].get(method, 405)
    needed = MODEL_PAGES[_model_page(name)]
    if needed is None:
        return 302
    if name.endswith("_change") and method == "POST":
        needed = "change"
    return 200 if needed in ADMIN_RIGHTS[owner] else 403


def _others_answer(role: str, name: str | None) -> int:
    # The admin's sign-in sends the signed-out to Rangwan's; the signed-in without the
    # right are refused, not sent round to sign in again.
    if name == "login" and role != ANON:
        return 403
    return 302


# Thousands of requests: the signed-in roles without the right (the admin's one check,
# made before any method is looked at) send GET and POST to every page, and every
# method to every seventh page in turn, so each of them sends each method somewhere.
WITHOUT_ADMIN = sorted(SIGNED_IN - {SEC})


def _admin_methods(role: str, turn: int) -> list[str]:
    if role in {ANON, SEC} or WITHOUT_ADMIN[turn % len(WITHOUT_ADMIN)] == role:
        return METHODS
    return ["GET", "POST"]


@pytest.mark.parametrize("owner", sorted({owner for owner, _route, _name in ADMIN_PATTERNS}))
def test_every_admin_page_answers_each_role_as_in_the_table(client, users, settings, owner):
    # Sessions in a signed cookie spare a query a request.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    sign_in, index = reverse("admin:login"), reverse("admin:index")
    wrong = []
    for turn, (url, name, route) in enumerate(_admin_urls(owner, users)):
        assert resolve(url).route == route.replace("^", ""), url
        for role in ROLES:
            client.logout()
            for method in _admin_methods(role, turn):
                # Signing in is slow: once per role, and again only after signing out.
                if role != ANON and (method == METHODS[0] or name == "logout"):
                    client.force_login(users[role])
                response = client.generic(method, url)
                if role == SEC:
                    expected = _secretariat_answer(owner, name, method, url)
                else:
                    expected = _others_answer(role, name)
                where = response.get("Location", "")
                if response.status_code != expected:
                    wrong.append(f"{role} {method} {url}: {response.status_code}, not {expected}")
                elif role != SEC and name == "logout":
                    assert where == index, f"{role} {method} {url}"
                elif role != SEC and name != "login":
                    assert where.startswith(sign_in), f"{role} {method} {url}"
                elif role == ANON:
                    assert where.startswith(reverse("accounts:login")), f"{method} {url}"
    assert wrong == [], "\n".join(wrong)
