from pathlib import Path

import pytest

from rangwan.accounts.models import User
from rangwan.programmes.models import Programme
from rangwan.seed.demo import load_demo

pytest_plugins = ["tests.fixtures_nominations"]


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # Argon2 is the real hasher (tested on its own); the suite need not pay for it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Tests reuse ids (and so can reach the same audit chain hash with other data).
    from django.core.cache import cache

    from rangwan.results.live import forget_tallies

    cache.clear()
    forget_tallies()


@pytest.fixture
def demo(db) -> Programme:
    """The Chachoengsao FY 2568 programme with its accounts, as `make run` loads it."""
    load_demo()
    return Programme.objects.get(fiscal_year=2568)


@pytest.fixture
def users(demo) -> dict[str, User]:
    """One demo account per role, by role name."""
    return {
        "secretariat": User.objects.get(username="secretariat"),
        "district_staff": User.objects.get(username="staff.bangkhla"),
        "district_head": User.objects.get(username="head.bangkhla"),
        "committee_member": User.objects.get(username="committee2"),
        "committee_chair": User.objects.get(username="committee1"),
        "viewer": User.objects.get(username="viewer"),
        "other_staff": User.objects.get(username="staff.mueang"),
        "other_head": User.objects.get(username="head.mueang"),
    }


@pytest.fixture
def client_as(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def time_at(monkeypatch):
    """Make `timezone.now()` answer as at the given moment: a date means noon in
    Bangkok; a naive datetime is read as Bangkok time."""
    import datetime as dt
    import zoneinfo

    from django.utils import timezone

    bangkok = zoneinfo.ZoneInfo("Asia/Bangkok")

    def set_time(when):
        if not isinstance(when, dt.datetime):
            when = dt.datetime.combine(when, dt.time(12))
        if when.tzinfo is None:
            when = when.replace(tzinfo=bangkok)
        monkeypatch.setattr(timezone, "now", lambda: when)

    return set_time


CHROMIUM = "/usr/bin/chromium"


def _postgresql_reachable() -> bool:
    import socket

    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", 5432)) == 0


def _nginx() -> str | None:
    import shutil

    return shutil.which("nginx") or shutil.which("/usr/sbin/nginx")


# Tests that need programs from outside the project: marker, what is missing (or None),
# the variable CI sets to make them compulsory, and how to get what is missing.
NEEDS = {
    "browser": (
        lambda: None if Path(CHROMIUM).exists() else f"{CHROMIUM} not found",
        "RANGWAN_REQUIRE_BROWSER",
        "apt-get install chromium",
    ),
    "stack": (
        lambda: (
            ("nginx not found" if not _nginx() else None)
            or (None if _postgresql_reachable() else "no PostgreSQL on 127.0.0.1:5432")
        ),
        "RANGWAN_REQUIRE_STACK",
        "apt-get install nginx-light, and PostgreSQL on 127.0.0.1:5432",
    ),
}


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's Chromium; the production-stack tests need nginx and
    PostgreSQL. Without them `make test` skips those tests and says so; CI sets
    RANGWAN_REQUIRE_BROWSER=1 and RANGWAN_REQUIRE_STACK=1, which turn a skip into a
    failure."""
    import os

    for marker, (missing, required_by, remedy) in NEEDS.items():
        marked = [item for item in items if marker in item.keywords]
        if not marked:
            continue
        lacking = missing()
        if lacking is None:
            continue
        if os.environ.get(required_by) == "1":
            raise pytest.UsageError(f"{marker} tests are required here but {lacking} ({remedy}).")
        reason = f"{marker} tests skipped: {lacking} ({remedy})"
        for item in marked:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback; Django's SMTP backend delivers to it."""
    import socket
    from email import message_from_bytes
    from email.policy import default

    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            message = message_from_bytes(envelope.content, policy=default)
            self.messages.append(
                {
                    "to": list(envelope.rcpt_tos),
                    "subject": str(message["subject"]).strip(),
                    "body": message.get_body(("plain",)).get_content(),
                    "attachments": [
                        (part.get_filename(), part.get_content_type(), part.get_content())
                        for part in message.iter_attachments()
                    ],
                }
            )
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()
