"""My data at the kiosk in Chromium, in both languages: the page, the second question, the end."""

from __future__ import annotations

import pytest

from lingong.testing.browser import BROWSER_DB
from lingong.workers.models import Worker

from .test_kiosk_browser import LANGUAGES, bind, check
from .test_protection_browser import sign_in

pytestmark = [pytest.mark.browser, *BROWSER_DB]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_worker_deletes_their_data_at_the_kiosk(page, live_server, kiosk, register_worker, language):
    worker = register_worker()
    bind(page, live_server, kiosk, language)
    sign_in(page, live_server, worker.user, language)
    page.goto(live_server.url + "/kiosk/home/")
    with page.expect_navigation():
        page.click("a[href='/kiosk/my-data/']")
    assert page.locator(".k-qr svg").is_visible()
    check(page, "my-data", language)
    with page.expect_navigation():
        page.click("form:has(input[name=ask][value=delete]) button")
    check(page, "my-data-confirm", language)
    assert Worker.objects.get(pk=worker.pk).is_active  # asked, not yet done
    with page.expect_navigation():
        page.click("form:has(input[name=action][value=delete]) button")
    check(page, "my-data-deleted", language)
    assert not Worker.objects.get(pk=worker.pk).is_active
    with page.expect_navigation():
        page.click("a[href='/kiosk/']")
    assert page.url == live_server.url + "/kiosk/"
