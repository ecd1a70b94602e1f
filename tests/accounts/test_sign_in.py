import pytest
from django.contrib.auth.hashers import identify_hasher
from django.db import IntegrityError
from django.urls import reverse

from rangwan.accounts.enums import Role
from tests.factories import DistrictFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def sign_in(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_sign_in_with_right_password_goes_home(client):
    UserFactory(username="sec", role=Role.SECRETARIAT)
    response = sign_in(client, "sec", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_wrong_password_is_refused_in_thai(client):
    UserFactory(username="sec")
    response = sign_in(client, "sec", "wrong")
    assert response.status_code == 200
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_password_is_refused_in_english_when_chosen(client):
    UserFactory(username="sec")
    client.cookies["django_language"] = "en"
    response = sign_in(client, "sec", "wrong")
    assert "The username or password is not right" in response.content.decode()


def test_switched_off_account_cannot_sign_in(client):
    UserFactory(username="gone", is_active=False)
    response = sign_in(client, "gone", PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_account_locks_after_repeated_failures_even_with_the_right_password(client, settings):
    UserFactory(username="sec")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "sec", "wrong")
    response = sign_in(client, "sec", PASSWORD)
    assert response.status_code == 429
    assert "เข้าสู่ระบบผิดพลาดหลายครั้งเกินไป" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_account_and_address(client, settings):
    UserFactory(username="sec")
    UserFactory(username="other")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "sec", "wrong")
    assert sign_in(client, "other", PASSWORD).status_code == 302


def test_sign_out_needs_post_and_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user = UserFactory()
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.check_password(PASSWORD)


def test_district_roles_need_a_district():
    with pytest.raises(IntegrityError):
        UserFactory(role=Role.DISTRICT_STAFF, district=None)


def test_secretariat_cannot_be_bound_to_a_district():
    district = DistrictFactory()
    with pytest.raises(IntegrityError):
        UserFactory(role=Role.SECRETARIAT, district=district)


def test_the_admin_signs_in_through_rangwans_own_sign_in_and_comes_back(client, users):
    answer = client.get("/admin/directory/district/", follow=True)
    login_url = answer.redirect_chain[-1][0]
    assert login_url.startswith("/accounts/login/?next=")
    assert "/admin/directory/district/" in login_url
    signed_in = client.post(
        login_url,
        {"username": "secretariat", "password": "rangwan-demo-2568"},
        follow=True,
    )
    assert signed_in.redirect_chain[-1][0] == "/admin/directory/district/"
    assert signed_in.status_code == 200


def test_a_signed_in_user_without_the_admin_is_refused_not_sent_round(client, users):
    client.force_login(users["district_staff"])
    assert client.get("/admin/login/?next=/admin/").status_code == 403


def test_the_admin_sign_in_keeps_no_address_elsewhere(client, db):
    answer = client.get("/admin/login/?next=https://evil.example/")
    assert answer.status_code == 302
    assert "evil.example" not in answer["Location"]
    assert answer["Location"].startswith("/accounts/login/?next=/admin/")
