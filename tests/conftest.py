import pytest

from rangwan.accounts.models import User
from rangwan.programmes.demo import load_demo
from rangwan.programmes.models import Programme


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # Argon2 is the real hasher (tested on its own); the suite need not pay for it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
    }


@pytest.fixture
def client_as(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
