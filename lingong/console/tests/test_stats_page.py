"""The figures page and its CSV export: the selectors' numbers, for the roles that may see them, in both languages."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest

from lingong.stats.selectors import stats_district
from lingong.stats.tests.test_figures import world  # noqa: F401  (fixture: a known district, rolled up)
from lingong.stats.tests.test_kiosk_figures import kiosk_world  # noqa: F401  (fixture: two kiosks, rolled up)

pytestmark = pytest.mark.django_db


def figure(page: str, key: str, column: int = 0) -> str:
    row = re.search(rf'<tr data-figure="{key}">(.*?)</tr>', page, flags=re.S).group(1)
    return re.findall(r"<td>(.*?)</td>", row)[column]


def period(today) -> str:
    return f"first={(today - timedelta(days=2)).isoformat()}&last={today.isoformat()}"


def test_the_administrator_sees_the_district_and_a_chosen_station(client, world, admin_user, stations, today):
    client.force_login(admin_user)
    page = client.get(f"/console/stats/?{period(today)}&station={stations['jinzhu-xilu'].pk}").content.decode()
    assert (figure(page, "placements"), figure(page, "placements_offline"), figure(page, "placements_online")) == (
        "3",
        "2",
        "1",
    )
    assert (figure(page, "workers_registered"), figure(page, "workers_registered", 1)) == ("4", "1")
    assert figure(page, "cancellation_rate") == "33.3 %"
    assert figure(page, "no_show_rate") == "—"
    assert set(re.findall(r'<tr data-station="([\w-]+)">', page)) == set(stations)


def test_station_staff_see_their_station_only(client, world, staff, stations, today):
    client.force_login(staff)
    page = client.get(f"/console/stats/?{period(today)}&station={stations['jinzhu-xilu'].pk}").content.decode()
    assert figure(page, "workers_registered", 1) == "3"  # their own station, whatever was asked
    assert re.findall(r'<tr data-station="([\w-]+)">', page) == ["gongdelin"]


def test_the_page_speaks_tibetan(client, world, admin_user, today):
    client.force_login(admin_user)
    page = client.get(f"/console/stats/?{period(today)}", HTTP_ACCEPT_LANGUAGE="bo").content.decode()
    assert 'lang="bo"' in page
    assert "ས་ཁུལ་གྱི་གྲངས་ཀ།" in page  # "District figures"


def test_the_dashboard_address_leads_to_the_figures(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/dashboard/?period=7d")
    assert (response.status_code, response["Location"]) == (302, "/console/stats/?period=7d")


def test_people_outside_the_back_office_are_refused(client, world, make_user):
    client.force_login(make_user("worker"))
    assert client.get("/console/stats/").status_code == 403
    assert client.get("/console/stats/export.csv").status_code == 403
    assert client.get("/console/stats/export.xlsx").status_code == 403


def test_the_export_has_the_pages_numbers(client, world, admin_user, stations, today):
    client.force_login(admin_user)
    response = client.get(f"/console/stats/export.csv?{period(today)}")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_code = {row[1]: row[2:] for row in rows[1:]}
    assert by_code["period"][0] == f"{today - timedelta(days=2)}/{today}"
    figures = stats_district(user=admin_user, first=today - timedelta(days=2), last=today)
    for code in ("workers_registered", "jobs_posted", "places_posted", "placements", "placements_offline"):
        assert int(by_code[code][0]) == figures[code]
    assert len(by_code["placements"]) == 1 + len(stations)
    assert by_code["cancellation_rate"][0] == "33.3"


def test_the_credit_table_after_the_night(client, world, admin_user, now, today):
    from lingong.stats.services import stats_credit_snapshot

    client.force_login(admin_user)
    page = client.get(f"/console/stats/?{period(today)}").content.decode()
    assert 'data-band="60-69"' not in page  # not counted yet
    stats_credit_snapshot(now=now)
    page = client.get(f"/console/stats/?{period(today)}").content.decode()
    assert re.search(r'<tr data-band="60-69"><th scope="row">60-69</th><td>4</td><td>1</td></tr>', page)


def test_the_export_has_the_time_to_hire(client, world, admin_user, stations, today):
    client.force_login(admin_user)
    response = client.get(f"/console/stats/export.csv?{period(today)}")
    rows = {row[1]: row[2:] for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))}
    columns = ["district", *stations]  # the district, then every station (all at 功德林 here)
    assert len(rows["first_hire_days.jobs"]) == len(columns)
    assert (rows["first_hire_days.jobs"][0], rows["first_hire_days.median_days"][0]) == ("2", "0")
    assert rows["first_hire_days.same_day_rate"][0] == "50.0"
    assert rows["filled_days.within_2_days_rate"][0] == "100.0"


def test_the_excel_workbook_holds_the_same_table_as_the_csv(client, world, admin_user, stations, today):
    from openpyxl import load_workbook

    client.force_login(admin_user)
    response = client.get(f"/console/stats/export.xlsx?{period(today)}")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    workbook_rows = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    csv_rows = list(
        csv.reader(io.StringIO(client.get(f"/console/stats/export.csv?{period(today)}").content.decode("utf-8-sig")))
    )
    assert len(workbook_rows) == len(csv_rows)
    for in_book, in_csv in zip(workbook_rows, csv_rows, strict=True):
        assert [str(v) if isinstance(v, str) else float(v) for v in in_book] == [
            v if not _is_number(v) else float(v) for v in in_csv
        ]
    figures = stats_district(user=admin_user, first=today - timedelta(days=2), last=today)
    placements = next(row for row in workbook_rows if row[1] == "placements")
    assert placements[2] == figures["placements"]  # a number, not text
    assert client.get("/console/stats/export.xlsx").status_code == 200


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(("language", "heading"), [("zh-hans", "按一体机"), ("bo", "ལས་ཞུགས་འཕྲུལ་ཆས་ལྟར།")])
def test_the_kiosk_table_in_both_languages(client, kiosk_world, admin_user, today, language, heading):
    client.force_login(admin_user)
    page = client.get(f"/console/stats/?{period(today)}", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'lang="{language}"' in page and heading in page
    table = re.search(r'<table class="list stats-kiosks">(.*?)</table>', page, flags=re.S).group(1)
    cells = {
        code: re.findall(r"<td>(.*?)</td>", row)
        for code, row in re.findall(r'<tr data-kiosk="([\w.-]+)">(.*?)</tr>', table)
    }
    # station, sessions, sessions a day, matches, matches a day, hired later
    assert cells["gongdelin-a"][1:] == ["3", "1.0", "1", "0.3", "1"]
    assert cells["jinzhu-b"][1:] == ["1", "0.3", "1", "0.3", "0"]
    assert cells["gongdelin.none"][1:] == ["0", "0.0", "1", "0.3", "0"]
    assert figure(page, "kiosk_sessions") == "4"


def test_station_staff_see_only_their_kiosks_on_the_page(client, kiosk_world, staff, today):
    client.force_login(staff)
    page = client.get(f"/console/stats/?{period(today)}").content.decode()
    assert re.findall(r'<tr data-kiosk="([\w.-]+)">', page) == ["gongdelin-a", "gongdelin.none"]


def test_the_export_has_the_kiosks(client, kiosk_world, admin_user, stations, today):
    client.force_login(admin_user)
    response = client.get(f"/console/stats/export.csv?{period(today)}")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, by_code = rows[0], {row[1]: row[2:] for row in rows[1:]}
    gongdelin = header.index(stations["gongdelin"].name) - 2
    jinzhu = header.index(stations["jinzhu-xilu"].name) - 2
    sessions = by_code["kiosk.gongdelin-a.sessions"]
    assert (sessions[0], sessions[gongdelin], sessions[jinzhu]) == ("3", "3", "")
    assert by_code["kiosk.gongdelin-a.sessions_per_day"][0] == "1.0"
    assert by_code["kiosk.jinzhu-b.matches"][jinzhu] == "1"
    assert by_code["kiosk.gongdelin.none.matches"][0] == "1"
    assert by_code["kiosk.gongdelin-a.later_hires"][0] == "1"
    assert by_code["kiosk_sessions"][0] == "4"
