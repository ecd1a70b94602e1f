"""API tokens: only a hash is kept; revoked, expired, inactive or malformed tokens get a
401 in Thai and English; making and revoking them is on the audit record."""

import datetime as dt
import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from rangwan.api import services
from rangwan.api.models import ApiToken
from rangwan.audit.models import AuditEntry


def test_only_the_sha256_and_a_short_prefix_are_stored(users):
    token, secret = services.create_token(
        user=users["viewer"], name="dashboard", actor=users["secretariat"]
    )
    stored = ApiToken.objects.values().get(pk=token.pk)
    assert stored["digest"] == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(stored["prefix"])
    assert len(stored["prefix"]) == 12 < len(secret)
    assert secret not in str(stored)
    assert secret not in str(list(AuditEntry.objects.values()))


def test_making_and_revoking_a_token_is_on_the_audit_record(users):
    token, _secret = services.create_token(
        user=users["viewer"], name="dashboard", actor=users["secretariat"]
    )
    services.revoke_token(token=token, actor=users["secretariat"])
    entries = AuditEntry.objects.filter(object_type="api.apitoken").order_by("pk")
    assert [(e.action, e.actor) for e in entries] == [
        ("api_token.create", users["secretariat"]),
        ("api_token.revoke", users["secretariat"]),
    ]
    assert entries[0].after["prefix"] == token.prefix
    with pytest.raises(ValidationError):
        services.revoke_token(token=token, actor=users["secretariat"])


def test_a_token_needs_a_name_an_active_account_and_a_future_expiry(users):
    sec = users["secretariat"]
    with pytest.raises(ValidationError):
        services.create_token(user=users["viewer"], name="  ", actor=sec)
    users["viewer"].is_active = False
    users["viewer"].save()
    with pytest.raises(ValidationError):
        services.create_token(user=users["viewer"], name="x", actor=sec)
    with pytest.raises(ValidationError):
        services.create_token(
            user=sec, name="x", actor=sec, expires_at=timezone.now() - dt.timedelta(days=1)
        )


def _unauthorized(response):
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["code"] == "unauthorized"
    assert body["message_th"] and body["message_en"]
    return body


def test_a_revoked_token_is_refused(demo, users, token_for, api_get):
    secret = token_for(users["secretariat"])
    assert api_get("/programmes", secret).status_code == 200
    token = ApiToken.objects.get(prefix=secret[:12])
    services.revoke_token(token=token, actor=users["secretariat"])
    _unauthorized(api_get("/programmes", secret))


def test_an_expired_token_is_refused(demo, users, token_for, api_get, time_at):
    secret = token_for(users["viewer"], expires_at=timezone.now() + dt.timedelta(days=1))
    assert api_get("/programmes", secret).status_code == 200
    time_at(timezone.now() + dt.timedelta(days=2))
    _unauthorized(api_get("/programmes", secret))


def test_the_token_of_an_inactive_account_is_refused(demo, users, token_for, api_get):
    secret = token_for(users["viewer"])
    users["viewer"].is_active = False
    users["viewer"].save()
    _unauthorized(api_get("/programmes", secret))


@pytest.mark.parametrize(
    "header",
    [
        "Token {secret}",
        "Basic {secret}",
        "{secret}",
        "Bearer",
        "Bearer ",
        "Bearer {secret}x",
        "Bearer rwn_" + "a" * 500,
        "Bearer ไม่ใช่โทเคน",
    ],
)
def test_a_wrong_scheme_or_a_wrong_token_is_refused(demo, users, token_for, client, header):
    secret = token_for(users["secretariat"])
    response = client.get("/api/v1/programmes", HTTP_AUTHORIZATION=header.format(secret=secret))
    _unauthorized(response)


def test_bearer_is_case_insensitive_as_http_says(demo, users, token_for, client):
    secret = token_for(users["secretariat"])
    response = client.get("/api/v1/programmes", HTTP_AUTHORIZATION=f"bearer {secret}")
    assert response.status_code == 200


def test_last_used_is_written_at_most_once_a_minute(demo, users, token_for, api_get, time_at):
    secret = token_for(users["viewer"])
    token = ApiToken.objects.get(prefix=secret[:12])
    assert token.last_used_at is None
    api_get("/programmes", secret)
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    api_get("/programmes", secret)
    token.refresh_from_db()
    assert token.last_used_at == first


def test_the_command_prints_the_token_once_and_it_works(demo, users, api_get):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "create_api_token",
        "--user",
        "viewer",
        "--name",
        "BI",
        "--days",
        "30",
        "--actor",
        "secretariat",
        stdout=out,
        stderr=err,
    )
    secret = out.getvalue().strip()
    assert secret.startswith("rwn_")
    assert secret[:12] in err.getvalue()
    assert api_get(f"/programmes/{demo.pk}", secret).status_code == 200
    assert ApiToken.objects.get().expires_at is not None


def test_only_the_secretariat_may_make_a_token_with_the_command(demo):
    with pytest.raises(CommandError):
        call_command(
            "create_api_token",
            "--user",
            "viewer",
            "--name",
            "x",
            "--actor",
            "viewer",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert not ApiToken.objects.exists()


def test_the_secretariat_makes_a_token_in_the_admin_and_sees_it_once(client, users, api_get):
    client.force_login(users["secretariat"])
    response = client.post(
        reverse("admin:api_apitoken_add"),
        {
            "user": users["viewer"].pk,
            "name": "แดชบอร์ดจังหวัด",
            "expires_at_0": "",
            "expires_at_1": "",
        },
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    (secret,) = [m.rsplit(" ", 1)[-1] for m in shown if m.rsplit(" ", 1)[-1].startswith("rwn_")]
    assert hashlib.sha256(secret.encode()).hexdigest() == token.digest
    assert AuditEntry.objects.filter(action="api_token.create").count() == 1
    # The change page shows the token; nothing on it can be changed.
    page = client.get(reverse("admin:api_apitoken_change", args=[token.pk]))
    assert 'name="name"' not in page.content.decode()
    assert secret not in page.content.decode()


def test_the_secretariat_revokes_tokens_with_the_list_action(client, users, token_for, api_get):
    secret = token_for(users["viewer"])
    client.force_login(users["secretariat"])
    token = ApiToken.objects.get()
    response = client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.is_revoked
    assert token.revoked_by == users["secretariat"]
    assert AuditEntry.objects.filter(action="api_token.revoke").count() == 1
    _unauthorized(api_get("/programmes", secret))
