import pytest

from lingong.testing.browser import BROWSER_DB, axe_violations, fonts_used, screenshot, settled


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_landing_page_lists_the_stations(client, language):
    client.cookies["lingong_language"] = language
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert ("功德林零工驿站" if language == "zh-hans" else "ཀུན་བདེ་གླིང་") in html


@pytest.mark.browser
@pytest.mark.parametrize("language", ["zh-hans", "bo"])
@BROWSER_DB[0]
def test_landing_page_in_chromium(page, live_server, language):
    page.context.add_cookies([{"name": "lingong_language", "value": language, "url": live_server.url}])
    page.goto(live_server.url + "/")
    settled(page)
    screenshot(page, f"landing-{language}")
    assert axe_violations(page) == []
    expected = {"Noto Sans SC"} if language == "zh-hans" else {"Noto Serif Tibetan"}
    assert expected <= fonts_used(page)


@pytest.mark.django_db
def test_honour_lists_show_masked_names_only(client, monkeypatch, register_worker, employer):
    from lingong.portal import views

    worker = register_worker(name="平措次仁")
    monkeypatch.setattr(views, "honour_list_workers", lambda limit: [(worker, 95.0)])
    monkeypatch.setattr(views, "honour_list_employers", lambda limit: [(employer, 92.0)])
    html = client.get("/").content.decode()
    assert "平***" in html and "平措次仁" not in html
    assert employer.name in html  # an enterprise's name is public
