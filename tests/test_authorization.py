"""Every view, every role: the answer each one gets, from one explicit table.

A view added to the URL configuration without a line here fails
`test_every_view_is_in_the_table`.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

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

# url name -> method -> (roles allowed, status they get). Everyone else gets 403,
# or, when not signed in, a redirect to the sign-in page.
MATRIX = {
    "core:home": {"GET": (SIGNED_IN, 302)},
    "core:privacy": {"GET": ({ANON, *SIGNED_IN}, 200)},
    "directory:person_export": {"GET": ({SEC}, 200)},
    "accounts:login": {"GET": ({ANON}, 200)},
    "accounts:logout": {"POST": ({ANON, *SIGNED_IN}, 302)},
    "programmes:list": {"GET": ({SEC, MEMBER, CHAIR, VIEWER}, 200)},
    "programmes:create": {"GET": ({SEC}, 200), "POST": ({SEC}, 200)},
    "programmes:dashboard": {"GET": ({SEC, VIEWER}, 200)},
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
    "judging:results": {"GET": ({SEC, CHAIR}, 200)},
    "judging:schedule": {"GET": ({SEC}, 200), "POST": ({SEC}, 200)},
    "judging:agenda": {"GET": ({SEC, VIEWER, MEMBER, CHAIR}, 200)},
    # Nothing is published in the matrix's programme: everyone gets the same 404 page.
    "results:public": {"GET": ({ANON, *SIGNED_IN}, 404)},
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
# Not ours to tabulate here: Django's admin (its own permission check is tested below)
# and the language switch (open to all by design).
OUTSIDE = {"admin", "set_language"}


def _named_patterns(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_view_is_in_the_table():
    names = {
        name
        for name in _named_patterns(get_resolver())
        if name.split(":")[0] not in OUTSIDE and name not in OUTSIDE
    }
    assert names == set(MATRIX)


NO_PK = {"programmes:list", "programmes:create"}
PROGRAMME_LEVEL = {
    "judging:schedule",
    "judging:agenda",
    "results:public",
    "results:publish",
    "results:finalise",
    "results:tie_vote",
    "judging:judge_home",
    "judging:conflicts",
    "judging:progress",
    "judging:results",
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
    from rangwan.judging import scoring
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

    from rangwan.judging import schedule

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


# Every method a client may send. The permission check comes before the method check,
# so a method a view does not serve answers 405 to the roles with a right on the view,
# and to everyone else the answer they get for a served method: 403, or for anonymous
# the sign-in redirect. Never 200, never 500. HEAD answers like GET where GET is served.
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
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
