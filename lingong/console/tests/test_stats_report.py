"""The bureau's monthly report: a real PDF (WeasyPrint) in each language, read back with pdftotext.

Needs poppler-utils (pdftotext, pdffonts), as the agreement's PDF tests do.
"""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from lingong.console.views.stats import KIOSK_COLUMNS
from lingong.console.views.stats_report import month_parse
from lingong.core.errors import InvalidInput
from lingong.stats.selectors import stats_district, stats_kiosks
from lingong.stats.tests.test_figures import world  # noqa: F401  (fixture: a known district, rolled up)
from lingong.stats.tests.test_kiosk_figures import kiosk_world  # noqa: F401  (fixture: two kiosks, rolled up)

pytestmark = pytest.mark.django_db


def pdf_text(path, mode: str = "-raw") -> str:
    """The PDF's text: in the order it was written (-raw, whole Tibetan stacks) or laid out as printed (-layout)."""
    return subprocess.run(["pdftotext", mode, str(path), "-"], capture_output=True, text=True, check=True).stdout


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a_month_is_read_as_its_days_up_to_today(today):
    first = today.replace(day=1)
    assert month_parse(f"{first:%Y-%m}", today=today) == (first, today)
    earlier = (first - timedelta(days=1)).replace(day=1)
    assert month_parse(f" {earlier:%Y-%m} ", today=today) == (earlier, first - timedelta(days=1))
    for wrong in ("", "2026", "2026-13", "2026-00", "26-03", "2026-03-01", "三月", None):
        with pytest.raises(InvalidInput) as refused:
            month_parse(wrong, today=today)
        assert refused.value.code == "month_invalid"
    with pytest.raises(InvalidInput) as refused:
        month_parse(f"{today.year + 1}-01", today=today)
    assert refused.value.code == "month_future"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("zh-hans", ["零工市场月度报告", "解决就业（上岗）", "按驿站", "按工种", "功德林零工驿站", "缺口", "北京时间"]),
        ("bo", ["ལས་ཀ་ཐོར་བུའི་ཁྲོམ་རའི་ཟླ་རེའི་སྙན་ཞུ", "ལས་ལ་ཞུགས་པ", "བབ་ཚུགས་ལྟར", "ལས་རིགས་ལྟར"]),
    ],
)
def test_the_report_holds_the_months_figures_and_charts(
    client, world, admin_user, stations, today, tmp_path, language, words
):
    client.force_login(admin_user)
    month = f"{today:%Y-%m}"
    response = client.get(f"/console/stats/report/?month={month}&language={language}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="lingong-report-{month}-{language}.pdf"'
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = pdf_text(path)
    for word in words:  # without the spaces pdftotext puts between a Tibetan letter and its vowel sign
        assert squash(word) in squash(text), word
    figures = stats_district(user=admin_user, first=today.replace(day=1), last=today)
    # the figures table: placements 3 (2 offline, 1 online), 4 workers registered, cancellation 33.3 %
    with translation.override(language):
        from lingong.console.views.stats import FIGURES

        labels = {key: str(label) for key, label, _kind in FIGURES}
    placed = next(line for line in pdf_text(path, "-layout").splitlines() if labels["placements"] in line)
    assert re.findall(r"\d+", placed.split(labels["placements"])[1])[:2] == [str(figures["placements"]), "0"]
    assert "33.3 %" in text
    # the charts drew their digits: the trend's highest day (3), the map's and the stations' numbers
    assert "3" in text and "N" in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert names and all(re.search(r"\+Noto-(Serif-Tibetan|Sans-SC)", n) for n in names), names  # no fallback font
    if language == "bo":
        assert any("Tibetan" in n for n in names)


def test_the_report_has_the_kiosks(client, kiosk_world, admin_user, today, tmp_path):
    client.force_login(admin_user)
    response = client.get(f"/console/stats/report/?month={today:%Y-%m}")
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    assert "按一体机" in pdf_text(path)
    rows = {
        r["kiosk"].code: r for r in stats_kiosks(user=admin_user, first=today.replace(day=1), last=today) if r["kiosk"]
    }
    for kiosk in (kiosk_world["a"], kiosk_world["b"]):  # its label (written on the machine), then its figures
        line = next(line for line in pdf_text(path, "-layout").splitlines() if re.match(rf"\s*{kiosk.label}\s", line))
        expected = [str(rows[kiosk.code][key]) for key, _label in KIOSK_COLUMNS]
        assert re.findall(r"\d+(?:\.\d+)?", line) == expected, line


def test_station_staff_get_their_station_and_the_district(client, world, staff, stations, today, tmp_path):
    client.force_login(staff)
    response = client.get(f"/console/stats/report/?month={today:%Y-%m}&language=zh-hans")
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = pdf_text(path)
    assert "功德林零工驿站" in text
    assert "金珠西路零工驿站" not in text and "嘎玛贡桑零工驿站" not in text


@pytest.mark.parametrize(
    ("language", "message"),
    [("zh-hans", "请按年和月填写月份，例如 2026-03。"), ("bo", "ཟླ་བ་ལོ་དང་ཟླ་བའི་ཐོག་ནས་འབྲི་རོགས། དཔེར་ན། 2026-03")],
)
def test_a_wrong_month_is_said_on_the_page_in_its_language(client, admin_user, language, message):
    client.force_login(admin_user)
    response = client.get("/console/stats/report/?month=2026-13", HTTP_ACCEPT_LANGUAGE=language)
    assert (response.status_code, response["Location"]) == (302, "/console/stats/")
    page = client.get("/console/stats/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert message in page


def test_a_month_not_begun_is_refused_too(client, admin_user, today):
    client.force_login(admin_user)
    response = client.get(f"/console/stats/report/?month={today.year + 1}-{today.month:02}", follow=True)
    assert "这个月还没有开始。" in response.content.decode()


def test_people_outside_the_back_office_get_no_report(client, make_user, today):
    client.force_login(make_user("worker"))
    assert client.get(f"/console/stats/report/?month={today:%Y-%m}").status_code == 403


def test_the_command_writes_the_report(world, today, tmp_path, capsys):
    out = tmp_path / "report-bo.pdf"
    call_command("stats_monthly_report", "--month", f"{today:%Y-%m}", "--language", "bo", "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    text = squash(pdf_text(out))
    assert squash("ལས་ཀ་ཐོར་བུའི་ཁྲོམ་རའི་ཟླ་རེའི་སྙན་ཞུ") in text and squash("ཀུན་བདེ་གླིང་") in text
    with pytest.raises(CommandError, match="2026-03"):
        call_command("stats_monthly_report", "--month", "March", "--out", str(out))
