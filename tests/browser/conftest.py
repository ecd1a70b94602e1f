import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import CHROMIUM

ARTIFACTS = Path(settings.BASE_DIR) / "var" / "test-artifacts"


@pytest.fixture(scope="session", autouse=True)
def _static_files_as_in_production():
    """Under production settings (hashed names from collectstatic), leave /static/ to
    WhiteNoise, as gunicorn would, instead of the live server's own static handler,
    which knows only the unhashed names."""
    if "Manifest" not in settings.STORAGES["staticfiles"]["BACKEND"]:
        yield
        return
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    patch = pytest.MonkeyPatch()
    patch.setattr(StaticFilesHandler, "_should_handle", lambda self, path: False)
    yield
    patch.undo()


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop; Django's ORM in the same thread would
    # otherwise refuse to run while it exists.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def open_page(browser):
    """Pages in fresh browser contexts, all closed when the test ends so that no
    request is still in flight when the next test starts."""
    contexts = []

    def make(width: int = 1280, height: int = 900, scale: int = 1):
        context = browser.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=scale
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
