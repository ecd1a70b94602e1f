"""Schemathesis fuzzes the API from its own OpenAPI document, in process (WSGI), against
the judged demo: with no token, a viewer's and the secretariat's, positive and negative
data, every check schemathesis has. Derandomised, so CI sees the same cases each run."""

import io

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import CHECKS, load_all_checks

from rangwan.honours import services as honours
from rangwan.programmes.models import Programme
from tests.honours.conftest import WORDING

load_all_checks()
ALL_CHECKS = CHECKS.get_all()
EXAMPLES = 100


@pytest.fixture
def judged_demo(db, users):
    """The demo played through judging, with its certificates issued and one revoked."""
    call_command("load_demo", "--judged", stdout=io.StringIO())
    programme = Programme.objects.get(fiscal_year=2568)
    certificates = honours.issue_certificates(
        programme=programme, actor=users["secretariat"], wording=WORDING
    )
    honours.revoke_certificate(
        certificate=certificates[-1], actor=users["secretariat"], reason="พิมพ์ชื่อผิด"
    )
    return programme, certificates


@pytest.fixture
def api_schema():
    # As Django's test client does: a request's end must not close the connection that
    # holds the test's transaction (PostgreSQL would lose the judged demo).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _fuzz(schema, headers: dict, mode) -> None:
    @given(case=schema.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        case.call_and_validate(headers=headers, checks=ALL_CHECKS)

    run()


def _known(schema, headers: dict, programme, certificates) -> None:
    """The cases random data rarely reaches: the real programme and certificates."""
    for path, parameters in [
        ("/programmes", {}),
        ("/programmes/{pk}", {"pk": programme.pk}),
        ("/programmes/{pk}/districts", {"pk": programme.pk}),
        ("/programmes/{pk}/results", {"pk": programme.pk}),
        *[("/certificates/{code}", {"code": c.display_code}) for c in certificates[:1]],
        ("/certificates/{code}", {"code": certificates[-1].code.lower()}),
    ]:
        operation = schema[f"/api/v1{path}"]["GET"]
        case = operation.Case(path_parameters=parameters)
        case.call_and_validate(headers=headers, checks=ALL_CHECKS)


def test_schemathesis_finds_nothing_with_no_token_a_viewers_or_the_secretariats(
    judged_demo, api_schema, users, token_for
):
    # One test, so the judged demo (seconds to load) is loaded once.
    programme, certificates = judged_demo
    for token in (None, token_for(users["viewer"]), token_for(users["secretariat"])):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        _known(api_schema, headers, programme, certificates)
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            _fuzz(api_schema, headers, mode)
