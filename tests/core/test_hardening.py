import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from tests.fixtures_nominations import BEFORE_DOSSIER, upload

pytestmark = pytest.mark.django_db


def test_pages_carry_a_content_security_policy_without_inline_script(client):
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    for directive in ("frame-ancestors 'none'", "form-action 'self'", "base-uri 'self'"):
        assert directive in policy
    assert "object-src 'none'" in policy


def test_uploads_beyond_the_hourly_limit_are_refused_with_429(
    client_as, nomination, staff, time_at, settings
):
    settings.UPLOADS_PER_HOUR = 2
    time_at(BEFORE_DOSSIER)
    client = client_as(staff)
    url = reverse("nominations:evidence_add", args=[nomination.pk])
    for _ in range(2):
        response = client.post(url, {"section": "joint_work", "caption": "", "file": upload()})
        assert response.status_code == 302
    response = client.post(url, {"section": "joint_work", "caption": "", "file": upload()})
    assert response.status_code == 429
    assert "อัปโหลด" in response.content.decode()
    assert nomination.evidence.count() == 2

    time_at(BEFORE_DOSSIER + dt.timedelta(hours=1, minutes=1))
    response = client.post(url, {"section": "joint_work", "caption": "", "file": upload()})
    assert response.status_code == 302


def test_an_idle_session_ends_after_the_idle_time(client_as, users, time_at, settings):
    settings.SESSION_IDLE_SECONDS = 30 * 60
    start = dt.datetime(2025, 4, 1, 9, 0)
    time_at(start)
    client = client_as(users["secretariat"])
    home = reverse("home")
    assert client.get(home).status_code == 302
    time_at(start + dt.timedelta(minutes=29))
    response = client.get(home)
    assert "/accounts/" not in response["Location"]

    time_at(start + dt.timedelta(minutes=29 + 31))
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_error_shows_the_500_page_without_a_traceback(client, settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.core.failing_urls"
    client.raise_request_exception = False
    response = client.get("/fail/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "ระบบขัดข้อง" in body
    assert "Traceback" not in body
    assert "secret-internal-detail" not in body
    assert "RuntimeError" not in body


def test_an_unreachable_database_gives_the_503_page(client_as, users, monkeypatch):
    client = client_as(users["secretariat"])
    client.raise_request_exception = False

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get(reverse("home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    body = response.content.decode()
    assert "ติดต่อฐานข้อมูลไม่ได้" in body
    assert "The database cannot be reached" in body
    assert "connection refused" not in body


def test_only_the_report_page_may_apply_inline_styles_and_never_inline_script(
    client_as, users, demo
):
    client = client_as(users["secretariat"])
    header = client.get(reverse("reports:report", args=[demo.pk]))["Content-Security-Policy"]
    report = dict(directive.strip().split(" ", 1) for directive in header.split(";"))
    assert report["style-src"] == "'self' 'unsafe-inline'"
    assert report["script-src"] == "'self'"
    dashboard = client.get(reverse("reports:dashboard", args=[demo.pk]))
    assert "unsafe-inline" not in dashboard["Content-Security-Policy"]


def test_an_active_session_still_ends_at_its_maximum_age(client_as, users, time_at, settings):
    settings.SESSION_IDLE_SECONDS = 30 * 60
    settings.SESSION_COOKIE_AGE = 2 * 60 * 60
    start = dt.datetime(2025, 4, 1, 9, 0)
    home = reverse("home")
    time_at(start)
    client = client_as(users["secretariat"])
    client.get(home)
    for minutes in range(20, 120, 20):
        time_at(start + dt.timedelta(minutes=minutes))
        assert not client.get(home)["Location"].startswith(reverse("accounts:login"))
    time_at(start + dt.timedelta(minutes=125))
    assert client.get(home)["Location"].startswith(reverse("accounts:login"))


def _load_wsgi(**env: str) -> subprocess.CompletedProcess:
    """Import the production entry point (what gunicorn loads) in a clean process."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    clean.update(env)
    code = "import config.wsgi; from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_application_server_fails_closed_when_debug_is_not_set():
    refused = _load_wsgi()
    assert refused.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in refused.stderr
    started = _load_wsgi(SECRET_KEY="x" * 60)
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "False"
