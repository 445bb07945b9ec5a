"""The station's news board (工作剪影): staff put news up in the console, the screens show it, both languages."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lingong.boards import selectors
from lingong.boards.models import StationNotice
from lingong.boards.services import station_notice_hide, station_notice_post
from lingong.core.errors import InvalidInput, NotAllowed
from lingong.core.models import Event

pytestmark = [pytest.mark.django_db]


def photo_file(size=(3000, 2000), name="photo.png", fmt="PNG") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def post(staff, stations, **extra):
    kwargs = dict(
        actor=staff,
        station=stations["gongdelin"],
        title_zh="技能培训报名开始",
        title_bo="ལག་རྩལ་སྦྱོང་བརྡར་ཐོ་འགོད་འགོ་ཚུགས།",
        body_zh="下周一在功德林零工驿站",
    )
    kwargs.update(extra)
    return station_notice_post(**kwargs)


def test_news_with_a_photo_shows_on_the_station_screen(client, staff, stations):
    notice = post(staff, stations, photo=photo_file())
    page = client.get("/boards/gongdelin/news/").content.decode()
    assert "技能培训报名开始" in page and "ལག་རྩལ་སྦྱོང་བརྡར་ཐོ་འགོད་འགོ་ཚུགས།" in page
    assert f"/boards/photos/{notice.pk}.jpg" in page
    response = client.get(f"/boards/photos/{notice.pk}.jpg")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(response.content)) as image:  # resized on the way in
        assert image.format == "JPEG" and max(image.size) == 1600
    assert Event.objects.filter(verb="notice_post", subject_id=str(notice.pk)).count() == 1
    assert "技能培训报名开始" not in client.get("/boards/jinzhu-xilu/news/").content.decode()


def test_taken_down_or_past_its_day_the_news_leaves_the_screen(client, staff, stations, today):
    gone = post(staff, stations, photo=photo_file())
    lasting = post(staff, stations, title_zh="今日招聘会", shown_until=today)
    station_notice_hide(actor=staff, notice=gone)
    page = client.get("/boards/gongdelin/news/").content.decode()
    assert "技能培训报名开始" not in page and "今日招聘会" in page
    assert client.get(f"/boards/photos/{gone.pk}.jpg").status_code == 404
    StationNotice.objects.filter(pk=lasting.pk).update(shown_until=today - timedelta(days=1))
    assert "今日招聘会" not in client.get("/boards/gongdelin/news/").content.decode()


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_kept(staff, stations):
    with pytest.raises(InvalidInput) as refused:
        post(staff, stations, photo=SimpleUploadedFile("a.jpg", b"not an image", content_type="image/jpeg"))
    assert refused.value.code == "photo_invalid"
    assert not StationNotice.objects.exists()


def test_staff_of_another_station_may_not_put_up_or_take_down(staff, other_staff, stations):
    with pytest.raises(NotAllowed):
        post(other_staff, stations)
    notice = post(staff, stations)
    with pytest.raises(NotAllowed):
        station_notice_hide(actor=other_staff, notice=notice)
    notice.refresh_from_db()
    assert notice.hidden_at is None


def test_a_last_day_in_the_past_is_refused(staff, stations, today):
    with pytest.raises(InvalidInput):
        post(staff, stations, shown_until=today - timedelta(days=1))
    assert not StationNotice.objects.exists()


def test_news_changes_the_screens_version(staff, stations):
    selectors.board_version_forget()
    before = selectors.board_version()
    post(staff, stations)
    selectors.board_version_forget()
    assert selectors.board_version() != before


def test_the_console_puts_news_up_and_takes_it_down(client, staff, stations):
    client.force_login(staff)
    assert client.get("/console/notices/").status_code == 200
    response = client.post(
        "/console/notices/",
        {"title_zh": "技能培训", "title_bo": "ལག་རྩལ་སྦྱོང་བརྡར།", "body_zh": "", "body_bo": "", "photo": photo_file()},
    )
    assert response.status_code == 302
    notice = StationNotice.objects.get()
    assert notice.station == stations["gongdelin"] and notice.created_by == staff and notice.photo
    page = client.get("/console/notices/").content.decode()
    assert "技能培训" in page
    assert client.post(f"/console/notices/{notice.pk}/hide/").status_code == 302
    notice.refresh_from_db()
    assert notice.hidden_at is not None


def test_the_console_says_what_is_wrong_and_keeps_what_was_typed(client, staff):
    client.force_login(staff)
    response = client.post(
        "/console/notices/",
        {
            "title_zh": "技能培训",
            "title_bo": "",
            "photo": SimpleUploadedFile("a.jpg", b"nope", content_type="image/jpeg"),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "技能培训" in page  # kept
    assert not StationNotice.objects.exists()


def test_the_console_refuses_another_stations_news(client, staff, other_staff, stations):
    notice = post(staff, stations)
    client.force_login(other_staff)
    assert client.post(f"/console/notices/{notice.pk}/hide/").status_code == 403
    notice.refresh_from_db()
    assert notice.hidden_at is None


def test_a_phone_photo_may_be_larger_than_a_form_but_not_without_bound(client, staff):
    client.force_login(staff)
    four_mb = SimpleUploadedFile("big.jpg", b"\xff" * (4 * 1024 * 1024), content_type="image/jpeg")
    answered = client.post("/console/notices/", {"title_zh": "培训", "title_bo": "སྦྱོང་བརྡར།", "photo": four_mb})
    assert answered.status_code == 400  # read and refused in words (not a photo), not cut off at the door
    assert "这个文件不是照片" in answered.content.decode() or "This file is not a photo" in answered.content.decode()
    four_mb.seek(0)
    assert client.post("/console/workers/new/", {"photo": four_mb}).status_code == 413
    eleven_mb = SimpleUploadedFile("huge.jpg", b"\xff" * (11 * 1024 * 1024), content_type="image/jpeg")
    assert client.post("/console/notices/", {"title_zh": "培训", "photo": eleven_mb}).status_code == 413
    assert not StationNotice.objects.exists()


def test_the_console_menu_leads_station_staff_to_their_news_and_not_the_auditor(client, staff, auditor):
    client.force_login(staff)
    menu = client.get("/console/").content.decode()
    assert 'href="/console/notices/"' in menu and 'href="/console/messages/"' in menu  # their own station's
    client.force_login(auditor)
    assert 'href="/console/notices/"' not in client.get("/console/").content.decode()


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # Pillow's own warning on opening it
def test_a_small_file_claiming_a_giant_picture_is_refused_before_it_is_decoded(staff, stations):
    out = io.BytesIO()
    Image.new("1", (12000, 12000)).save(out, format="PNG")  # a few KB on disk, 144 million pixels decoded
    bomb = SimpleUploadedFile("bomb.png", out.getvalue(), content_type="image/png")
    with pytest.raises(InvalidInput) as refused:
        post(staff, stations, photo=bomb)
    assert refused.value.code == "photo_invalid"
    assert not StationNotice.objects.exists()
