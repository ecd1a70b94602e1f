import pytest

from rangwan.api import services
from tests.honours.conftest import issued  # noqa: F401 - the same certificates


@pytest.fixture
def token_for(users):
    """A fresh API token (the secret) for a user, made by the secretariat."""

    def make(user, **kwargs) -> str:
        _token, secret = services.create_token(
            user=user, name="tests", actor=users["secretariat"], **kwargs
        )
        return secret

    return make


@pytest.fixture
def api_get(client):
    """GET an API path, with `Authorization: Bearer <token>` when a token is given."""

    def get(path: str, token: str | None = None, **headers):
        if token is not None:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        return client.get(f"/api/v1{path}", **headers)

    return get
