"""With the page in Tibetan, no public form shows Chinese or Latin letters.

Every form a person can reach without staff rights (and the staff and admin
sign-in pages) is drawn in Chromium, submitted empty and then with wrong input,
and the visible text is read: text nodes, placeholders, button values, title
and aria-label attributes, the options of a select. Excluded only what is
marked as someone's own text: an element with `translate="no"` (names,
addresses, an employer's own words, the name of a language in that language)
or `data-own-text`. What a person typed into a field is their own, and is not
read.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from lingong.accounts.models import SmsOutbox
from lingong.kiosk.reader_sim import card_fields
from lingong.kiosk.services import kiosk_device_token
from lingong.kiosk.signing import card_message
from lingong.kiosk.tests.conftest import kiosk, kiosk_and_secret, secret  # noqa: F401  the kiosk's fixtures
from lingong.kiosk.views.common import DEVICE_COOKIE
from lingong.testing.browser import BROWSER_DB, screenshot, settled

pytestmark = [pytest.mark.browser, *BROWSER_DB]

# The visible text of the page that is not marked as someone's own, with each
# run of Chinese (CJK) or Latin letters found in it.
FOREIGN_TEXT_JS = r"""(root) => {
  root = document.querySelector(root || "body");
  const FOREIGN = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5eA-Za-z]+/g;
  const own = el => el.closest('[translate="no"], [data-own-text]');
  const shown = el => {
    if (!el.isConnected) return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    return el.getClientRects().length > 0 || el.tagName === 'OPTION';
  };
  const found = [];
  const note = (el, text, where) => {
    const hits = (text || '').match(FOREIGN);
    if (hits) found.push(`${where} <${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`
      + `${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}>`
      + ` ${JSON.stringify(text.trim().slice(0, 80))} → ${hits.join(' ')}`);
  };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) continue;
    if (own(el) || !shown(el) || !node.textContent.trim()) continue;
    note(el, node.textContent, 'text');
  }
  for (const el of root.querySelectorAll('[placeholder], [title], [aria-label], input[type=submit], input[type=button]')) {
    if (own(el) || !shown(el)) continue;
    for (const attr of ['placeholder', 'title', 'aria-label']) if (el.hasAttribute(attr)) note(el, el.getAttribute(attr), attr);
    if (el.type === 'submit' || el.type === 'button') note(el, el.value, 'value');
  }
  note(document.documentElement, document.title, 'title');
  return found;
}"""


def foreign_text(page, root: str = "body") -> list[str]:
    settled(page)
    return page.evaluate(FOREIGN_TEXT_JS, root)


def open_in_tibetan(browser, live_server):
    context = browser.new_context(viewport={"width": 1080, "height": 1920}, locale="zh-CN")
    context.add_cookies([{"name": "lingong_language", "value": "bo", "url": live_server.url}])
    return context, context.new_page()


def submit(page, form: str, button: str | None = None) -> None:
    """Submit without the browser's own checks (they would speak the browser's language, not the page's)."""
    page.evaluate("() => document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    with page.expect_navigation():
        page.click(button or f"{form} [type=submit]")


def fill_wrong(page, form: str, values: dict[str, str]) -> None:
    for name, value in values.items():
        page.fill(f'{form} [name="{name}"]', value)


# path, the form, the submit button, wrong input (digits only: a wrong value is echoed in some messages)
FORMS = [
    ("/w/register/", "form.panel", None, {"name": "1", "id_number": "123", "phone": "12"}),
    ("/w/login/", "form.panel", None, {"phone": "12"}),
    ("/e/signup/", "form.panel", None, {"name": "1", "id_number": "123", "contact_phone": "12", "uscc": "1"}),
    ("/e/login/", "form.panel", None, {"phone": "12"}),
    ("/console/login/", "main form", None, {"username": "1", "password": "1"}),
    ("/admin/login/", "#login-form", None, {"username": "1", "password": "1"}),
]


@pytest.fixture(autouse=True)
def _migration_data(live_server, reference_data):
    """Reference data for the live server (see lingong.testing.browser.reference_data)."""


ERRORS = ".errorlist, .errornote, .form-errors, .k-error, [role=alert]"


def _check(page, name: str, problems: list[str], root: str = "body") -> None:
    assert page.get_attribute("html", "lang") == "bo"
    if name.endswith(("empty", "wrong")):  # the refusal is on the page: its words are read too
        assert page.locator(ERRORS).count() >= 1, f"{name}: no error shown"
    found = foreign_text(page, root)
    if found:
        screenshot(page, f"foreign-text-{name}")
        problems.extend(f"{name}: {line}" for line in found)


def _form_refused(page, url: str, form: str, button, wrong: dict, problems: list[str], *, root: str = "body") -> None:
    """Open a form, submit it empty (what it showed emptied), then with wrong input; read the page each time."""
    page.goto(url)
    assert page.url == url, page.url  # the form itself, not a sign-in page
    name = url.split("/", 3)[-1]
    _check(page, f"/{name} open", problems, root)
    _clear(page, form)
    submit(page, form, button)
    _check(page, f"/{name} empty", problems, root)
    fill_wrong(page, form, wrong)
    submit(page, form, button)
    _check(page, f"/{name} wrong", problems, root)


def test_public_forms_show_no_chinese_or_latin_in_tibetan(browser, live_server):
    context, page = open_in_tibetan(browser, live_server)
    problems: list[str] = []
    try:
        for path, form, button, wrong in FORMS:
            _form_refused(page, live_server.url + path, form, button, wrong, problems)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def _pad_refused(page, name: str, wrong: str, problems: list[str]) -> None:
    """A number-pad step: OK with nothing typed, then with a wrong number; the pad is left empty."""
    for typed, state in (("", "empty"), (wrong, "wrong")):
        for digit in typed:
            page.click(f'.k-key[data-key="{digit}"]')
        page.click(".k-ok")
        settled(page)
        _check(page, f"{name} {state}", problems)
    for _ in wrong:
        page.click('.k-key[data-key="back"]')


def test_kiosk_registration_steps_show_no_chinese_or_latin_in_tibetan(
    browser, live_server, kiosk, secret, id_numbers, job_types
):
    context, page = open_in_tibetan(browser, live_server)
    context.add_cookies([{"name": DEVICE_COOKIE, "value": kiosk_device_token(kiosk=kiosk), "url": live_server.url}])
    problems: list[str] = []
    try:
        page.goto(live_server.url + "/kiosk/")
        _check(page, "kiosk start", problems)
        message = card_message(
            secret=secret, kiosk=kiosk.code, fields=card_fields(id_number=id_numbers[41], name="次仁")
        )
        page.evaluate("m => kioskCardRead(m)", message)
        page.wait_for_url("**/kiosk/register/")
        _check(page, "kiosk register", problems)
        page.click("button.k-yes")
        page.wait_for_url("**/kiosk/register/phone/")
        _check(page, "kiosk phone", problems)
        _pad_refused(page, "kiosk phone", "12", problems)
        for digit in "13712345679":
            page.click(f'.k-key[data-key="{digit}"]')
        page.click(".k-ok")
        page.wait_for_url("**/kiosk/register/code/")
        _check(page, "kiosk code", problems)
        _pad_refused(page, "kiosk code", "000001", problems)
        code = re.search(r"\d{6}", SmsOutbox.objects.get(phone_masked="137****5679").body).group(0)
        for digit in code:
            page.click(f'.k-key[data-key="{digit}"]')
        page.click(".k-ok")
        page.wait_for_url("**/kiosk/register/trades/")
        _check(page, "kiosk trades", problems)
        page.click('button[value="done"]')  # no trade chosen
        settled(page)
        _check(page, "kiosk trades empty", problems)
        page.click(f'button[value="toggle:{job_types["mover"].pk}"]')
        settled(page)
        page.click('button[value="done"]')
        page.wait_for_url("**/kiosk/register/times/")
        _check(page, "kiosk times", problems)
        page.click('button[value="days"]')
        page.wait_for_url("**/kiosk/register/pay/")
        _check(page, "kiosk pay", problems)
        page.click('button[value="200"]')
        page.wait_for_url("**/kiosk/register/consent/")
        _check(page, "kiosk consent", problems)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_the_counter_sees_foreign_text(browser, live_server):
    """The check itself: Chinese and Latin in an unmarked element are found, marked ones are not."""
    context, page = open_in_tibetan(browser, live_server)
    try:
        page.goto(live_server.url + "/w/login/")
        page.evaluate(
            """() => {
              const p = document.createElement('p'); p.textContent = '这个字段是必填项。 Field required';
              const own = document.createElement('p'); own.translate = false; own.textContent = '次仁 Tsering';
              const mine = document.createElement('p'); mine.dataset.ownText = ''; mine.textContent = '拉萨市';
              document.body.append(p, own, mine);
            }"""
        )
        found = page.evaluate(FOREIGN_TEXT_JS, "body")
        assert any("这个字段是必填项" in line and "Field" in line for line in found), found
        assert not any("次仁" in line or "拉萨市" in line for line in found), found
    finally:
        context.close()


def _signed_in(context, live_server, user) -> None:
    """The browser carries the session of `user` (the doors' SMS sign-in is tested in the portal's own tests)."""
    from django.test import Client  # noqa: PLC0415  only this helper needs a second client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])


def _clear(page, form: str) -> None:
    page.evaluate(
        """form => document.querySelectorAll(`${form} input:not([type=hidden]):not([type=checkbox]):not([type=radio])`)
            .forEach(i => { i.value = ''; })""",
        form,
    )


# Forms behind the worker's and the employer's own sign-in (no staff rights): path, form, wrong input.
SIGNED_IN_FORMS = {
    "worker": [
        ("/w/profile/edit/", "form.panel", {"travel_km": "0", "min_day_pay_yuan": "1.2.3"}),
        ("/w/profile/phone/", "form.panel", {"phone": "12"}),
    ],
    "employer": [
        ("/e/post/mover/", "form.panel", {"headcount": "0", "pay_yuan": "0", "days": "0"}),
    ],
}


@pytest.mark.parametrize("door", ["worker", "employer"])
def test_signed_in_forms_show_no_chinese_or_latin_in_tibetan(
    browser, live_server, register_worker, employer, make_user, door
):
    if door == "worker":
        user = register_worker(trades=("mover",)).user
    else:
        user = employer.user = make_user("employer")
        employer.save(update_fields=["user"])
    context, page = open_in_tibetan(browser, live_server)
    _signed_in(context, live_server, user)
    problems: list[str] = []
    try:
        for path, form, wrong in SIGNED_IN_FORMS[door]:
            _form_refused(page, live_server.url + path, form, None, wrong, problems)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_admin_password_change_shows_no_chinese_or_latin_in_tibetan(browser, live_server, admin_user):
    """The admin's password page (Django's own form and validators), empty and with a wrong old password.

    Only its content: the admin's staff-only side bar also lists the models of axes and django-otp, whose
    names those apps do not translate (docs/translation.md), and the header shows the user's own name.
    """
    context, page = open_in_tibetan(browser, live_server)
    _signed_in(context, live_server, admin_user)
    problems: list[str] = []
    try:
        wrong = {"old_password": "1", "new_password1": "1", "new_password2": "2"}
        url = live_server.url + "/admin/password_change/"
        _form_refused(page, url, "form", "input[type=submit]", wrong, problems, root="#content")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
