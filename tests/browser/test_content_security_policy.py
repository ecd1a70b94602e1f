"""The Content-Security-Policy forbids inline script and style: no page the users open
may need either. Chromium reports every refusal on the console and as a
securitypolicyviolation event; both are collected over the main pages of each role."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from rangwan.nominations.models import Nomination
from rangwan.programmes.models import Programme
from rangwan.seed.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    [event.violatedDirective, event.blockedURI, event.sourceFile, event.lineNumber].join(" ")
  );
});
"""


def visit_as(open_page, live_server, username, paths) -> list[str]:
    page = open_page()
    page.add_init_script(COLLECT_VIOLATIONS)
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}{reverse('accounts:login')}")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button.primary")
    page.wait_for_load_state("networkidle")
    problems += page.evaluate("window.__cspViolations")
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status < 400, path
        page.wait_for_load_state("networkidle")
        problems += [f"{path}: {v}" for v in page.evaluate("window.__cspViolations")]
    return problems


def test_main_pages_break_no_content_security_policy_rule(open_page, live_server):
    call_command("load_demo", "--judged", stdout=io.StringIO())
    programme = Programme.objects.get()
    pk = programme.pk
    nomination = Nomination.objects.filter(programme=programme).first()

    secretariat = [
        reverse("reports:dashboard", args=[pk]),
        reverse("programmes:edit", args=[pk]),
        reverse("nominations:screening", args=[pk]),
        reverse("nominations:detail", args=[nomination.pk]),
        reverse("judging:rubric", args=[pk]),
        reverse("judging:committee", args=[pk]),
        reverse("judging:progress", args=[pk]),
        reverse("judging:schedule", args=[pk]),
        reverse("results:tally", args=[pk]),
        reverse("honours:list", args=[pk]),
        reverse("documents:letter", args=[pk]),
        reverse("learning:lessons", args=[pk]),
        reverse("reports:report", args=[pk]),
        reverse("honours:verify_form"),
        reverse("results:public", args=[pk]),
    ]
    problems = visit_as(open_page, live_server, "secretariat", secretariat)
    district = nomination.district
    staff = district.users.filter(role="district_staff").first()
    problems += visit_as(
        open_page,
        live_server,
        staff.username,
        [reverse("nominations:district_home"), reverse("nominations:mine", args=[pk])],
    )
    problems += visit_as(
        open_page, live_server, "committee1", [reverse("judging:judge_home", args=[pk])]
    )
    assert problems == [], "\n".join(problems)
