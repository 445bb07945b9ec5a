"""What the Tibetan reviewer found, page by page, through the test client in both languages:
money names its unit once and never breaks from its amount, no "།:" after a label, no English
"Tomorrow", the rights pages print no fixed 元, and workers are greeted in the page's script."""

from __future__ import annotations

import re
from datetime import time, timedelta
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import translation

from lingong.core.errors import InvalidInput
from lingong.core.language import label_with_colon
from lingong.core.money import NBSP, format_pay, format_yuan_with_unit
from lingong.jobs.services import application_create
from lingong.jobs.tests.factories import post_job
from lingong.kiosk.tests.conftest import kiosk, kiosk_and_secret  # noqa: F401
from lingong.portal.templatetags.portal import day
from lingong.rights.models import RightsCase
from lingong.testing.protection_fixtures import officer  # noqa: F401
from lingong.workers.models import Worker
from lingong.workers.selectors import worker_display_name
from lingong.workers.services import worker_profile_update

pytestmark = pytest.mark.django_db

LANGUAGES = ("zh-hans", "bo")
NAME_BO = "ཚེ་རིང་དབང་འདུས།"


class _Text(HTMLParser):
    """The text a person reads: no scripts, styles or tags (a form label's own suffix is kept)."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("aria-label", "title", "alt", "placeholder") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def label_suffixes(html: str) -> str:
    """Text of <label> elements: Django adds its own msgid ":" there (translated in Django's catalogue)."""
    return " ".join(re.findall(r"<label[^>]*>(.*?)</label>", html, flags=re.S))


@pytest.fixture
def worker(register_worker):
    worker = register_worker(trades=("mover",), home_lat="29.650000", home_lon="91.130000")
    Worker.objects.filter(pk=worker.pk).update(name_bo=NAME_BO)
    worker.refresh_from_db()
    return worker


@pytest.fixture
def job(employer_account, job_types, today):
    boss = employer_account()
    start = today + timedelta(days=1)  # tomorrow: the day filter says so in words
    return post_job(
        employer=boss,
        job_type=job_types["mover"],
        actor=boss.user,
        start=start,
        hours=(time(9), time(17)),
        channel="web",
    )


def in_language(client, language):
    client.cookies["lingong_language"] = language
    return client


# -- the rules, one by one ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "fen", "unit", "want"),
    [
        ("zh-hans", 14000, "per day", "140\u00a0元/天"),
        ("bo", 14000, "per day", "140\u00a0སྒོར་མོ་/ཉིན་རེ།"),
        ("bo", 30050, "per hour", "300.50\u00a0སྒོར་མོ་/ཆུ་ཚོད་རེ།"),
    ],
)
def test_pay_names_its_currency_once_and_never_breaks_from_the_amount(language, fen, unit, want):
    with translation.override(language):
        text = format_pay(fen, translation.gettext(unit))
        assert text == want
        assert "¥" not in text and text.count({"zh-hans": "元", "bo": "སྒོར"}[language]) == 1
        assert format_yuan_with_unit(90000) == {"zh-hans": "900\u00a0元", "bo": "900\u00a0སྒོར་མོ།"}[language]
        assert " " not in format_yuan_with_unit(123456)  # 1,234.56 and its unit: one unbreakable piece


@pytest.mark.parametrize(
    ("label", "language", "want"),
    [
        ("电话", "zh-hans", "电话:"),
        ("Phone", "en", "Phone:"),
        ("ཁ་པར།", "bo", "ཁ་པར།"),  # the shad is there: no colon after it
        ("ཐོ་འགོད་བྱས་པ", "bo", "ཐོ་འགོད་བྱས་པ།"),  # no shad in the translation: one is added
        ("ལས་བདག", "bo", "ལས་བདག"),  # after a final ག no shad (docs/translation.md)
        ("ད་ལྟའི་ཨང་གྲངས་", "bo", "ད་ལྟའི་ཨང་གྲངས།"),
        ("མིང", "bo", "མིང་།"),  # after ང a tsheg before the shad
    ],
)
def test_a_label_is_punctuated_as_its_language_writes_it(label, language, want):
    assert label_with_colon(label, language) == want


def test_tomorrow_is_said_in_the_page_language(today):
    tomorrow = today + timedelta(days=1)
    with translation.override("bo"):
        assert day(tomorrow).startswith("སང་ཉིན། ") and day(today).startswith("དེ་རིང་། ")
    with translation.override("zh-hans"):
        assert day(tomorrow).startswith("明天 ") and day(today).startswith("今天 ")


def test_worker_display_name_follows_the_page_script(worker, register_worker):
    assert worker_display_name(worker, "bo") == NAME_BO
    assert worker_display_name(worker, "zh-hans") == worker.name
    no_tibetan = register_worker()
    assert worker_display_name(no_tibetan, "bo") == no_tibetan.name  # no Tibetan name: the registered one


def test_tibetan_name_in_another_script_is_refused_and_changes_nothing(worker):
    for bad in ("Tsering", "次仁", "ཚེ་རིང་ Tsering", "ཀ" * 101):
        with pytest.raises(InvalidInput) as refused:
            worker_profile_update(worker=worker, actor=worker.user, channel="web", name_bo=bad)
        assert refused.value.code == "invalid_name_bo"
        worker.refresh_from_db()
        assert worker.name_bo == NAME_BO
    worker_profile_update(worker=worker, actor=worker.user, channel="web", name_bo="  བཀྲ་ཤིས་  ")
    worker.refresh_from_db()
    assert worker.name_bo == "བཀྲ་ཤིས་"
    worker_profile_update(worker=worker, actor=worker.user, channel="web", name_bo="")
    worker.refresh_from_db()
    assert worker.name_bo == ""


def test_profile_form_refuses_a_latin_tibetan_name_with_a_message(client, worker):
    client.force_login(worker.user)
    in_language(client, "bo")
    response = client.post("/w/profile/edit/", {"name_bo": "Tsering", "travel_km": "10", "max_intensity": "3"})
    assert response.status_code in (200, 400)
    with translation.override("bo"):
        assert translation.gettext("Please write the name in Tibetan script only, or leave it empty.") in (
            response.content.decode()
        )
    worker.refresh_from_db()
    assert worker.name_bo == NAME_BO


# -- the pages -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_worker_and_employer_see_the_name_in_the_page_script(client, worker, job, language):
    application_create(job=job, worker=worker, origin="worker", channel="web", actor=worker.user)
    in_language(client, language)
    client.force_login(worker.user)
    greeting = re.search(r"<h1>(.*?)</h1>", client.get("/w/").content.decode(), flags=re.S).group(1)
    mine, other = (NAME_BO, worker.name) if language == "bo" else (worker.name, NAME_BO)
    assert mine in greeting and other not in greeting
    assert f'lang="{language}"' in greeting
    client.force_login(job.employer.user)
    listed = client.get(f"/e/jobs/{job.pk}/").content.decode()
    assert mine in listed and other not in listed


@pytest.mark.parametrize("language", LANGUAGES)
def test_money_once_on_the_worker_pages(client, worker, job, language):
    in_language(client, language)
    client.force_login(worker.user)
    html = client.get(f"/w/jobs/{job.pk}/").content.decode()
    with translation.override(language):
        unit = translation.gettext("per day")
    assert f'<span class="nowrap">300{NBSP}{unit}</span>' in html
    text = page_text(html)
    assert "¥" not in text
    currency = {"zh-hans": "元", "bo": "སྒོར་མོ"}[language]
    pay = re.search(r"300\xa0\S+", text).group(0)  # the amount, its non-breaking space, the unit
    assert pay.count(currency) == 1, pay


def crawl(client, worker, job, officer, kiosk_client, language) -> dict[str, str]:
    """The main public, worker, employer, kiosk and rights pages, as each person sees them, in `language`."""
    application_create(job=job, worker=worker, origin="worker", channel="web", actor=worker.user)
    pages = {}

    def get(browser, url):
        in_language(browser, language)  # a sign-in may set the person's own language: the page's is the test's
        pages[url] = browser.get(url)

    client.logout()
    for url in ("/", "/w/login/", "/e/login/"):
        get(client, url)
    client.force_login(worker.user)
    for url in (
        "/w/",
        "/w/jobs/",
        f"/w/jobs/{job.pk}/",
        "/w/mine/",
        "/w/work/",
        "/w/profile/",
        "/w/profile/edit/",
        "/w/messages/",
        "/w/score/",
        "/w/training/",
        "/w/policy/",
        "/w/lawyers/",
        "/w/my-data/",
    ):
        get(client, url)
    client.force_login(job.employer.user)
    for url in ("/e/", "/e/post/", f"/e/jobs/{job.pk}/", "/e/my-data/"):
        get(client, url)
    kiosk_client.force_login(worker.user)
    for url in ("/kiosk/home/", "/kiosk/work/", "/kiosk/score/", "/kiosk/help/wages/"):
        get(kiosk_client, url)
    client.force_login(officer)
    case = client.post(
        "/rights/new/",
        {
            "worker_ids": str(worker.pk),
            "employer_id": job.employer.pk,
            "kind": "wage_arrears",
            "amount_claimed": "900",
            "description": "三天工资没给",
            "channel": "window",
        },
    )
    assert case.status_code == 302, case.content.decode()[:500]
    pk = RightsCase.objects.get().pk
    for url in ("/rights/", f"/rights/{pk}/"):
        get(client, url)
    for url, response in pages.items():
        assert response.status_code == 200, url
        assert f'<html lang="{language}"' in response.content.decode(), url
    return {url: response.content.decode() for url, response in pages.items()}


@pytest.fixture
def kiosk_client(kiosk):  # noqa: F811
    """A second browser, at the kiosk: the device cookie binds it (kiosk/tests/conftest.py)."""
    from lingong.kiosk.services import kiosk_device_token
    from lingong.kiosk.views.common import DEVICE_COOKIE

    kiosk_browser = Client()
    kiosk_browser.cookies[DEVICE_COOKIE] = kiosk_device_token(kiosk=kiosk)
    return kiosk_browser


@pytest.mark.parametrize("language", LANGUAGES)
def test_crawl_no_latin_colon_after_a_shad_no_english_tomorrow_no_fixed_yuan(
    client,
    kiosk_client,
    worker,
    job,
    officer,
    language,  # noqa: F811
):
    pages = crawl(client, worker, job, officer, kiosk_client, language)
    for url, html in pages.items():
        text = page_text(html)
        # Django's own label suffix (its msgid ":") is translated in lingong/locale_django: labels included.
        assert "།:" not in text and "། :" not in text, (url, label_suffixes(html))
        assert "Tomorrow" not in text and "Today" not in text, url
        assert "¥" not in text, url
        if language == "bo" and url.startswith("/rights/"):
            assert "元" not in text, url  # the rights pages' amounts speak the page's language
    home = page_text(pages["/w/"])
    assert {"bo": "སང་ཉིན།", "zh-hans": "明天"}[language] in page_text(pages[f"/w/jobs/{job.pk}/"])
    assert {"bo": NAME_BO, "zh-hans": worker.name}[language] in home
    assert {"bo": NAME_BO, "zh-hans": worker.name}[language] in page_text(pages["/kiosk/home/"])
    if language == "bo":
        assert "900\u00a0སྒོར་མོ།" in page_text(pages["/rights/"]) or "900\u00a0སྒོར་མོ།" in page_text(
            pages[f"/rights/{RightsCase.objects.get().pk}/"]
        )


def test_the_tibetan_name_is_in_the_workers_copy_of_their_data(worker):
    from lingong.privacy.services import privacy_export, privacy_export_json

    sections = privacy_export(subject=worker, actor=worker.user, channel="web")
    assert NAME_BO in privacy_export_json(sections)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_employers_messages_name_the_worker_in_the_script_of_their_language(
    employer, job_types, staff, worker, language
):
    from lingong.employers.models import Employer
    from lingong.notifications.models import Notification
    from lingong.rights.tests.factories import make_placement

    Employer.objects.filter(pk=employer.pk).update(language=language)
    employer.refresh_from_db()
    make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=worker)
    hire = Notification.objects.get(kind="hire", dedupe_key__startswith="hire:employer:")
    mine, other = (NAME_BO, worker.name) if language == "bo" else (worker.name, NAME_BO)
    assert mine in hire.body and other not in hire.body
