"""The Content-Security-Policy holds on every surface in Chromium: no page needs anything inline."""

from __future__ import annotations

import pytest

from lingong.testing.browser import BROWSER_DB, settled

pytestmark = [pytest.mark.browser, *BROWSER_DB]

# Reported by the browser itself: every blocked script, style, image or frame.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""


def violations_on(context, url: str) -> list[str]:
    page = context.new_page()
    page.add_init_script(LISTEN)
    response = page.goto(url)
    settled(page)
    policy = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in policy and "script-src 'self';" in policy + ";", url
    found = page.evaluate("window.__csp")
    page.close()
    return found


@pytest.fixture
def world(reference_data, register_worker, employer, make_user, stations):
    from lingong.kiosk.services import kiosk_device_token
    from lingong.stations.services import kiosk_register

    worker = register_worker()
    boss = make_user("employer")
    employer.user = boss
    employer.save(update_fields=["user"])
    kiosk, _secret = kiosk_register(
        station=stations["gongdelin"], code="K9", label="K9", actor=make_user("district_admin")
    )
    return {"worker": worker, "boss": boss, "kiosk_token": kiosk_device_token(kiosk=kiosk)}


def test_no_page_breaks_the_policy(new_context, live_server, world, staff, client):
    url = live_server.url
    pages = {
        "anyone": ["/", "/w/login/", "/e/login/", "/console/login/"],
        "worker": ["/w/", "/w/jobs/", "/w/work/", "/w/profile/", "/w/my-data/"],
        "employer": ["/e/", "/e/post/", "/e/credit/"],
        "staff": ["/console/", "/console/workers/", "/console/jobs/", "/rights/", "/admin/"],
        "kiosk": ["/kiosk/"],
    }
    users = {"worker": world["worker"].user, "employer": world["boss"], "staff": staff}
    found = {}
    for who, paths in pages.items():
        context = new_context(viewport={"width": 1080, "height": 1920})
        if who in users:
            client.force_login(users[who])
            context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}])
        if who == "kiosk":
            context.add_cookies([{"name": "lingong_kiosk", "value": world["kiosk_token"], "url": url}])
        for path in paths:
            seen = violations_on(context, url + path)
            if seen:
                found[path] = seen
        context.close()
    assert found == {}
