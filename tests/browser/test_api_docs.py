"""The API's Swagger page works offline under the Content-Security-Policy: its script
comes from django-ninja's bundled static files, none inline, nothing from a CDN."""

import pytest

from tests.browser.test_content_security_policy import COLLECT_VIOLATIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_page_lists_every_operation_without_breaking_the_policy(
    open_page, live_server
):
    page = open_page()
    page.add_init_script(COLLECT_VIOLATIONS)
    problems, elsewhere = [], []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server.url) else elsewhere.append(request.url)
        ),
    )
    response = page.goto(f"{live_server.url}/api/v1/docs")
    assert response.status == 200
    page.wait_for_selector(".opblock-summary-path", timeout=15000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert len(paths) == 5, paths
    assert any("/api/v1/certificates/" in path for path in paths)
    problems += page.evaluate("window.__cspViolations")
    assert problems == []
    assert elsewhere == []
