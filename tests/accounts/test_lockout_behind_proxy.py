"""Behind a reverse proxy, five wrong passwords from one client do not lock the account
for a client elsewhere (TRUSTED_PROXY_COUNT=1: the address comes from X-Forwarded-For)."""

from django.urls import reverse


def _sign_in(client, password, forwarded_for):
    return client.post(
        reverse("accounts:login"),
        {"username": "committee1", "password": password},
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_a_stranger_cannot_lock_the_chair_out_for_everyone(client, users, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(6):
        _sign_in(client, "wrong", "203.0.113.9")
    assert _sign_in(client, "rangwan-demo-2568", "203.0.113.9").status_code == 429
    # The chair, from the office: the client may prepend anything, the proxy's entry counts.
    assert _sign_in(client, "rangwan-demo-2568", "203.0.113.9, 198.51.100.20").status_code == 302


def test_without_a_trusted_proxy_the_header_is_ignored(client, users, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for _ in range(6):
        _sign_in(client, "wrong", "203.0.113.9")
    assert _sign_in(client, "rangwan-demo-2568", "198.51.100.20").status_code == 429
