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
    assert "ས་ཁུལ་གྱི་གྲངས་ཀ" in page  # "District figures"


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


def chart(page: str, name: str) -> str:
    return re.search(rf'<figure class="chart chart-\w+" data-chart="{name}">(.*?)</figure>', page, flags=re.S).group(1)


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        (
            "zh-hans",
            ["按天统计的上岗人数", "各驿站上岗和登记人数", "各工种可用零工和空缺名额", "城关区地图上的上岗人数"],
        ),
        (
            "bo",
            [
                "ཉིན་རེའི་ལས་ལ་ཞུགས་པ།",
                "བབ་ཚུགས་སོ་སོའི་ལས་ལ་ཞུགས་པ་དང་ཐོ་འགོད།",
                "ལས་རིགས་སོ་སོའི་ཐོབ་རུང་བའི་ལས་མི་དང་ལས་གནས་སྟོང་པ།",
                "ས་ཁུལ་གྱི་ས་ཁྲ་སྟེང་གི་ལས་ལ་ཞུགས་པ།",
            ],
        ),
    ],
)
def test_each_chart_stands_beside_its_table_with_the_same_numbers(
    client, world, admin_user, stations, today, language, titles
):
    client.force_login(admin_user)
    page = client.get(f"/console/stats/?{period(today)}", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for name, title in zip(("trend", "stations", "trades", "map"), titles, strict=True):
        drawn = chart(page, name)
        assert f"<figcaption>{title}</figcaption>" in drawn
        assert re.search(r'role="img" aria-label="[^"]{10,}"', drawn), name
    # each chart in one box with its table, the table right after it
    for name, table in (("trend", "stats-series"), ("trades", "stats-trades")):
        pair = page.split(f'<table class="list {table}">')[0].rsplit('<div class="chart-pair">', 1)[1]
        assert f'data-chart="{name}"' in pair and "</table>" not in pair
    # the trend: one column a day, the numbers of the table under them
    trend = chart(page, "trend")
    series = re.findall(r'<tr><th scope="row">[\d-]+</th><td>(\d+)</td></tr>', page.split("stats-series")[1])
    columns = re.findall(r'<rect class="chart-column"[^>]*><title>[\d-]+: ([\d,]+)</title>', trend)
    assert columns == series == ["0", "0", "3"]
    # the stations: placements and registrations, as the by-station table has them
    stations_chart = chart(page, "stations")
    table = dict(
        (code, (int(p), int(w)))
        for code, w, p in re.findall(
            r'<tr data-station="([\w-]+)"><th scope="row">[^<]+</th><td>(\d+)</td><td>\d+</td><td>\d+</td><td>(\d+)</td>',
            page,
        )
    )
    drawn_values = [int(v) for v in re.findall(r'class="chart-value"[^>]*>([\d,]+)</text>', stations_chart)]
    assert drawn_values == [n for code in table for n in table[code]]
    assert len(re.findall(r'<rect class="chart-bar"', stations_chart)) == 2 * len(stations)
    # the trades: the cooks are 2 workers short (1 available, 3 open places), the movers have 2 to spare
    trades = chart(page, "trades")
    assert re.findall(r'<strong class="chart-note-value">([^<]+)</strong>', trades) == [
        "缺口 +2" if language == "zh-hans" else "ཁྱད་པར་ +2",
        "缺口 -2" if language == "zh-hans" else "ཁྱད་པར་ -2",
    ]
    assert [int(v) for v in re.findall(r'class="chart-value"[^>]*>(\d+)</text>', trades)] == [1, 3, 3, 1]
    # the map: every station, its placements beside it (all three hires at 功德林)
    district_map = chart(page, "map")
    assert set(re.findall(r'<g class="chart-station" data-station="([\w-]+)">', district_map)) == set(stations)
    assert re.search(
        r'<li data-station="gongdelin"><span class="chart-mark" aria-hidden="true">\d</span> [^<]+ <strong>3</strong>',
        district_map,
    )


def test_station_staff_see_their_station_in_the_charts(client, world, staff, today):
    client.force_login(staff)
    page = client.get(f"/console/stats/?{period(today)}").content.decode()
    assert re.findall(r'<g class="chart-station" data-station="([\w-]+)">', chart(page, "map")) == ["gongdelin"]
    assert len(re.findall(r'<rect class="chart-bar"', chart(page, "stations"))) == 2


def test_the_trend_follows_the_grain(client, world, admin_user, today):
    client.force_login(admin_user)
    page = client.get(f"/console/stats/?{period(today)}&grain=month").content.decode()
    assert "<figcaption>按月统计的上岗人数</figcaption>" in page
    assert len(re.findall(r'<rect class="chart-column"', chart(page, "trend"))) == len(
        {(today - timedelta(days=d)).month for d in range(3)}
    )


def test_the_page_offers_the_monthly_report_in_both_languages(client, world, admin_user, today):
    client.force_login(admin_user)
    page = client.get(f"/console/stats/?{period(today)}").content.decode()
    form = re.search(r'<form method="get" action="/console/stats/report/".*?</form>', page, flags=re.S).group(0)
    assert f'name="month" value="{today:%Y-%m}"' in form
    assert 'name="language" value="zh-hans"' in form and 'name="language" value="bo"' in form


def queries_for(client, url: str, **headers) -> tuple[int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        page = client.get(url, **headers).content.decode()
    return len(captured), page


def test_the_figures_are_drawn_once_a_minute_and_at_once_after_a_recount(
    client, world, admin_user, staff, register_worker, stations, today
):
    import time_machine
    from django.utils import timezone

    from lingong.stats.services import stats_rollup_range

    client.force_login(admin_user)
    url = f"/console/stats/?{period(today)}"
    first_read, page = queries_for(client, url)
    again, same = queries_for(client, url)
    assert again < first_read - 20  # the figures are not counted again
    assert same.count('data-figure="') == page.count('data-figure="') > 30
    assert figure(same, "workers_registered") == figure(page, "workers_registered") == "4"

    # A registration: the stocks counted now show it within the minute, the day's figures at the recount.
    register_worker(trades=("mover",))
    assert figure(client.get(url).content.decode(), "workers_total") == figure(page, "workers_total")
    with time_machine.travel(timezone.now() + timedelta(seconds=61), tick=False):
        later = client.get(url).content.decode()
    assert int(figure(later, "workers_total")) == int(figure(page, "workers_total")) + 1
    assert figure(later, "workers_registered") == "4"  # as the rollup last counted
    stats_rollup_range(first=today, last=today)
    assert figure(client.get(url).content.decode(), "workers_registered") == "5"

    # Each language, period and reader's stations are drawn apart.
    in_tibetan, page_bo = queries_for(client, url, HTTP_ACCEPT_LANGUAGE="bo")
    assert in_tibetan > again + 20 and "ས་ཁུལ་གྱི་གྲངས་ཀ" in page_bo
    assert queries_for(client, f"/console/stats/?first={today}&last={today}")[0] > again + 20
    client.force_login(staff)
    own = client.get(url).content.decode()
    assert re.findall(r'<tr data-station="([\w-]+)">', own) == ["gongdelin"]
    assert figure(own, "workers_registered", 1) == "4"  # their own station's column, read for them
