"""Web hardening: a Content-Security-Policy without inline script, idle sessions that
expire, errors without tracebacks, and a clear page when the database is down."""

import datetime as dt

import pytest
from django.db import OperationalError
from django.urls import path, reverse


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_every_page_carries_a_policy_that_runs_no_inline_script(client_as, users, demo):
    response = client_as(users["secretariat"]).get(reverse("programmes:dashboard", args=[demo.pk]))
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in policy.get("default-src", [])


def test_no_template_holds_an_inline_script_or_event_handler():
    """The policy would block them: every script is a static file."""
    import re
    from pathlib import Path

    from django.conf import settings

    offenders = []
    for template in Path(settings.BASE_DIR, "rangwan").rglob("templates/**/*.html"):
        text = template.read_text()
        for match in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{template}: {match.group(0)}")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(f"{template}: on… handler")
    assert offenders == []


def test_an_idle_session_expires_and_an_active_one_does_not(client_as, users, time_at):
    time_at(dt.datetime(2026, 11, 2, 9, 0))
    client = client_as(users["secretariat"])
    assert client.get(reverse("programmes:list")).status_code == 200
    time_at(dt.datetime(2026, 11, 2, 9, 50))  # 50 minutes later: still signed in
    assert client.get(reverse("programmes:list")).status_code == 200
    time_at(dt.datetime(2026, 11, 2, 10, 40))  # 100 minutes in, but active: still in
    assert client.get(reverse("programmes:list")).status_code == 200
    time_at(dt.datetime(2026, 11, 2, 11, 45))  # 65 idle minutes: signed out
    response = client.get(reverse("programmes:list"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def broken_view(request):
    raise RuntimeError("secret detail of the failure")


urlpatterns = [path("broken/", broken_view)]


@pytest.mark.urls("tests.core.test_hardening")
def test_an_error_shows_the_sites_page_and_no_traceback(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/broken/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Traceback" not in body and "secret detail" not in body
    assert "ระบบขัดข้องชั่วคราว" in body


def test_an_unreachable_database_gives_a_clear_503(client, monkeypatch, final_results):
    programme, _nominations, _results = final_results
    client.raise_request_exception = False
    from django.db.backends.base.base import BaseDatabaseWrapper

    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    url = reverse("results:public", args=[programme.pk])
    with monkeypatch.context() as down:
        down.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
        response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"]
    body = response.content.decode()
    assert "ระบบฐานข้อมูลขัดข้องชั่วคราว" in body
    assert "database" in body.lower()
