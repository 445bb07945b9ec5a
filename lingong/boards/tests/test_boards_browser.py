"""Two stations' screens in Chromium: a hire made anywhere appears on both live feeds without a reload; the job
board in both languages, accessible, in the fonts of both scripts, with no Content-Security-Policy complaint."""

from __future__ import annotations

import pytest

from lingong.attendance.tests.helpers import make_placement
from lingong.jobs.tests.factories import post_job
from lingong.testing.browser import BROWSER_DB, axe_violations, console_sign_in, docs_screenshot, fonts_used, screenshot

pytestmark = [pytest.mark.browser, *BROWSER_DB]
SCREEN = {"width": 1920, "height": 1080}


@pytest.fixture(autouse=True)
def _migration_data(live_server, reference_data):
    """Reference data for the live server (see lingong.testing.browser.reference_data)."""


def screen(new_context, url: str, problems: list[str]):
    page = new_context(viewport=SCREEN).new_page()
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(url)
    page.wait_for_selector("[data-board][data-live='1']")  # the event stream is open
    return page


def test_a_hire_appears_on_every_stations_feed_without_a_reload(
    new_context, live_server, settings, employer, job_types, staff, register_worker
):
    settings.BOARD_CHECK_SECONDS = 0.2
    problems: list[str] = []
    screens = [
        screen(new_context, f"{live_server.url}/boards/{code}/feed/", problems) for code in ("gongdelin", "jinzhu-xilu")
    ]
    for page in screens:
        page.evaluate("() => { window.lingongSamePage = true; }")  # gone if the page reloads
    worker = register_worker(name="扎西次仁", phone="13912345678")
    placement = make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=worker)
    for page in screens:
        hire = page.wait_for_selector(f"[data-hire='{placement.pk}']", timeout=5000)
        assert "扎***" in hire.inner_text()
        assert page.evaluate("() => window.lingongSamePage === true")
        content = page.content()
        assert "扎西次仁" not in content and "13912345678" not in content
    assert problems == []
    assert axe_violations(screens[0]) == []
    assert {"Noto Sans SC", "Noto Serif Tibetan"} <= fonts_used(screens[0])
    assert screenshot(screens[0], "board-feed").exists()
    docs_screenshot(screens[0], "board-feed")


def test_the_job_board_in_both_languages(new_context, live_server, employer, job_types, staff, stations):
    post_job(employer=employer, job_type=job_types["mover"], actor=staff, station=stations["gongdelin"])
    post_job(employer=employer, job_type=job_types["cleaner"], actor=staff, station=stations["gongdelin"], headcount=3)
    problems: list[str] = []
    page = screen(new_context, f"{live_server.url}/boards/gongdelin/jobs/", problems)
    assert page.locator(".b-job").count() == 2
    assert page.locator(".b-qr svg").count() == 2
    text = page.inner_text("main")
    assert job_types["mover"].name_zh in text and job_types["mover"].name_bo in text
    assert "扫码报名" in text and "ཨང་རྟགས་གྲུ་བཞི་བཤེར་ནས་མིང་འགོད།" in text
    # Tibetan as large as the Chinese
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.b-when span')].map(e => parseFloat(getComputedStyle(e).fontSize))"""
    )
    assert len(set(sizes)) == 1, sizes
    assert problems == []
    assert axe_violations(page) == []
    assert {"Noto Sans SC", "Noto Serif Tibetan"} <= fonts_used(page)
    assert screenshot(page, "board-jobs").exists()
    docs_screenshot(page, "board-jobs")


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_staff_put_up_news_in_the_console_and_the_news_screen_shows_it(
    new_context, live_server, settings, staff, language, tmp_path
):
    from PIL import Image

    from lingong.testing.browser import small_targets

    settings.BOARD_CHECK_SECONDS = 0.2
    problems: list[str] = []
    board = screen(new_context, f"{live_server.url}/boards/gongdelin/news/", problems)
    board.evaluate("() => { window.lingongSamePage = true; }")

    console = new_context(viewport={"width": 1366, "height": 900}).new_page()
    console_sign_in(console, live_server.url, staff, language=language)
    console.goto(live_server.url + "/console/notices/")
    assert console.get_attribute("html", "lang") == language
    assert axe_violations(console) == []
    assert small_targets(console, "main button, main label.file-pick", minimum=44) == []
    picture = tmp_path / "training.jpg"
    Image.new("RGB", (1200, 800), (30, 120, 200)).save(picture)
    console.fill("input[name=title_zh]", "技能培训报名开始")
    console.fill("input[name=title_bo]", "ལག་རྩལ་སྦྱོང་བརྡར་ཐོ་འགོད་འགོ་ཚུགས།")
    console.set_input_files("input[name=photo]", str(picture))
    assert console.inner_text("output.file-chosen") == "training.jpg"
    with console.expect_navigation():
        console.locator("main button.primary").click()
    assert console.locator("tr[data-notice]").count() == 1
    screenshot(console, f"console-notices-{language}")

    notice = board.wait_for_selector("[data-notice] img.b-photo", timeout=5000)
    board.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=notice)
    assert "技能培训报名开始" in board.inner_text("main") and "ལག་རྩལ་སྦྱོང་བརྡར་ཐོ་འགོད་འགོ་ཚུགས།" in board.inner_text("main")
    assert board.evaluate("() => window.lingongSamePage === true")
    assert problems == []
    assert axe_violations(board) == []
    screenshot(board, "board-news")
    if language == "zh-hans":
        docs_screenshot(board, "board-news")


def test_the_hall_screen_counts_a_hire_as_it_happens(
    new_context, live_server, settings, employer, job_types, staff, stations, register_worker
):
    settings.BOARD_CHECK_SECONDS = 0.2
    post_job(employer=employer, job_type=job_types["cleaner"], actor=staff, station=stations["gongdelin"], headcount=3)
    problems: list[str] = []
    page = screen(new_context, f"{live_server.url}/boards/hall/", problems)
    assert page.inner_text("[data-figure=placements] .b-figure") == "0"
    assert page.locator(".b-map-station").count() == len(stations)
    make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=register_worker())
    page.wait_for_function(
        "() => document.querySelector('[data-figure=placements] .b-figure').textContent === '1'", timeout=5000
    )
    assert page.inner_text("[data-figure=jobs_posted] .b-figure") == "2"
    assert problems == []
    assert axe_violations(page) == []
    assert {"Noto Sans SC", "Noto Serif Tibetan"} <= fonts_used(page)
    assert screenshot(page, "board-hall").exists()
    docs_screenshot(page, "board-hall")
