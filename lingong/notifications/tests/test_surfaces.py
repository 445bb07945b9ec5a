"""What people see of invitations, hires and interviews, and staff's view of the outbox."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from lingong.jobs.models import ApplicationStatus, Placement
from lingong.jobs.services import application_create, application_interview_set, job_create
from lingong.notifications.models import Notification

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")
PLACE = "北京中路 12 号"


@pytest.fixture
def start():
    return timezone.localdate() + timedelta(days=3)


@pytest.fixture
def job(employer, job_types, staff, start):
    return job_create(
        employer=employer,
        job_type=job_types["mover"],
        title="搬运货物",
        headcount=1,
        pay_fen=30000,
        pay_unit="day",
        start_date=start,
        end_date=start,
        start_time=time(9),
        end_time=time(17),
        address="拉萨市城关区江苏路",
        lat="29.650000",
        lon="91.130000",
        actor=staff,
        channel="window",
        today=timezone.localdate(),
    )


@pytest.fixture
def worker(register_worker):
    return register_worker()


@pytest.fixture
def employer_user(make_user, employer):
    from lingong.employers.models import Employer

    user = make_user("employer")
    Employer.objects.filter(pk=employer.pk).update(user=user)
    employer.user = user
    return user


@pytest.fixture
def interview(job, worker, staff, start):
    application = application_create(job=job, worker=worker, origin="staff", channel="window", actor=staff)
    when = datetime.combine(start - timedelta(days=1), time(15, 30), tzinfo=TZ)
    application_interview_set(
        application=application, interview_at=when, interview_place=PLACE, actor=staff, channel="window"
    )
    return application


def _interview_zh(application, *, contact=True) -> str:
    when = f"{timezone.localtime(application.interview_at):%m-%d} 15:30"
    text = f'面试：{when}，在<span lang="zh-hans">{PLACE}</span>'
    return text + ('，请找<span lang="zh-hans">卓玛</span>。' if contact else "。")


def test_the_worker_door_shows_the_interview_and_whom_to_ask(client, worker, interview):
    client.force_login(worker.user)
    mine = client.get("/w/mine/").content.decode()
    assert _interview_zh(interview) in mine
    assert '<p class="invite">驿站给您推荐了这个岗位，请回复。</p>' in mine
    inbox = client.get("/w/messages/").content.decode()
    assert f"面试：{timezone.localtime(interview.interview_at):%m-%d} 15:30，在{PLACE}，请找卓玛。" in inbox


def test_the_kiosk_shows_the_invitation_with_its_interview_and_takes_the_answer(
    kiosk_client, worker, interview, employer, job
):
    kiosk_client.force_login(worker.user)
    home = kiosk_client.get("/kiosk/home/").content.decode()
    assert f'data-application="{interview.pk}"' in home and _interview_zh(interview) in home
    assert f"/kiosk/applications/{interview.pk}/answer/" in home
    response = kiosk_client.post(f"/kiosk/applications/{interview.pk}/answer/", {"answer": "yes"})
    assert response.url == "/kiosk/home/"
    interview.refresh_from_db()
    assert interview.status == ApplicationStatus.ACCEPTED_BY_WORKER


def test_a_kiosk_yes_to_an_employers_invitation_hires(kiosk_client, worker, job, employer_user):
    application = application_create(job=job, worker=worker, origin="employer", channel="web", actor=employer_user)
    kiosk_client.force_login(worker.user)
    kiosk_client.post(f"/kiosk/applications/{application.pk}/answer/", {"answer": "yes"})
    assert Placement.objects.filter(application=application).exists()
    work = kiosk_client.get("/kiosk/work/").content.decode()
    assert '请找<span lang="zh-hans">卓玛</span>。' in work
    assert [n.kind for n in Notification.objects.order_by("id")] == ["invitation", "hire", "hire"]


def test_a_kiosk_no_declines_and_another_workers_application_is_not_found(kiosk_client, register_worker, interview):
    other = register_worker()
    kiosk_client.force_login(other.user)
    assert kiosk_client.post(f"/kiosk/applications/{interview.pk}/answer/", {"answer": "no"}).url == "/kiosk/home/"
    assert kiosk_client.session["kiosk_error"]
    interview.refresh_from_db()
    assert interview.status == ApplicationStatus.PROPOSED
    kiosk_client.force_login(interview.worker.user)
    kiosk_client.post(f"/kiosk/applications/{interview.pk}/answer/", {"answer": "no"})
    interview.refresh_from_db()
    assert interview.status == ApplicationStatus.DECLINED


def test_the_employer_door_shows_the_interview(client, employer_user, interview, job):
    client.force_login(employer_user)
    assert _interview_zh(interview, contact=False) in client.get(f"/e/jobs/{job.pk}/").content.decode()
    home = client.get("/e/").content.decode()
    assert f'data-interview-of="{interview.pk}"' in home and _interview_zh(interview, contact=False) in home


def test_languages_are_changed_in_the_profile_the_employer_door_and_at_the_window(
    client, worker, employer, employer_user, staff, other_staff
):
    client.force_login(worker.user)
    response = client.post(
        "/w/profile/edit/", {"travel_km": 10, "max_intensity": 3, "speaks_zh": "on", "language": "bo"}
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.language == "bo"
    client.force_login(employer_user)
    client.post("/e/language/", {"language": "bo"})
    employer.refresh_from_db()
    assert employer.language == "bo"
    client.post("/e/language/", {"language": "xx"})
    employer.refresh_from_db()
    assert employer.language == "bo"
    client.force_login(other_staff)  # another station's staff may not change this worker: told why, nothing changes
    response = client.post(f"/console/workers/{worker.pk}/language/", {"language": "zh-hans"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]][-1] == "error"
    worker.refresh_from_db()
    assert worker.language == "bo"
    client.force_login(staff)
    assert client.post(f"/console/workers/{worker.pk}/language/", {"language": "zh-hans"}).status_code == 302
    worker.refresh_from_db()
    assert worker.language == "zh-hans"


def test_staff_see_their_stations_messages_redacted_admins_all(
    client, staff, other_staff, admin_user, auditor, interview, django_capture_on_commit_callbacks
):
    from lingong.notifications.codes import sms_code_send

    with django_capture_on_commit_callbacks(execute=True):
        sms_code_send(phone="13912345678", purpose="worker_sign_in")  # no station: the district's
    code_row = Notification.objects.get(kind="sign_in_code")
    client.force_login(staff)
    page = client.get("/console/messages/").content.decode()
    station_rows = list(Notification.objects.filter(station__code="gongdelin").values_list("pk", flat=True))
    assert len(station_rows) == 3  # invitation, interview to the worker and to the employer
    assert all(f'data-notification="{pk}"' in page for pk in station_rows)
    assert f'data-notification="{code_row.pk}"' not in page
    client.force_login(other_staff)
    assert 'data-notification="' not in client.get("/console/messages/").content.decode()
    client.force_login(admin_user)
    page = client.get("/console/messages/?kind=sign_in_code").content.decode()
    assert f'data-notification="{code_row.pk}"' in page and "******" in page and 'data-status="sent"' in page
    assert f'data-notification="{station_rows[0]}"' not in page
    client.force_login(auditor)
    assert client.get("/console/messages/").status_code == 403


def test_the_admin_list_is_read_only(client, admin_user, interview):
    from django.contrib.admin.sites import site

    from lingong.notifications.models import Notification as Model

    model_admin = site._registry[Model]
    request = type("R", (), {"user": admin_user})()
    assert (
        model_admin.has_add_permission(request),
        model_admin.has_change_permission(request),
        model_admin.has_delete_permission(request),
    ) == (False, False, False)


def test_registering_on_a_tibetan_page_keeps_tibetan_for_every_message(
    client, job_types, id_numbers, django_capture_on_commit_callbacks
):
    import re

    from django.conf import settings

    from lingong.accounts.models import SmsOutbox
    from lingong.workers.models import Worker

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "bo"
    form = {
        "name": "次仁",
        "id_number": id_numbers[150],
        "phone": "13611112222",
        "trades": [job_types["mover"].pk],
        "speaks_bo": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/w/register/", {**form, "action": "send"})
    body = SmsOutbox.objects.get().body
    assert body.startswith("【零工】ཐུང་འཕྲིན་ར་སྤྲོད་ཨང་། ")  # the code to a number not yet known: the page's language
    code = re.search(r"(?<!\d)(\d{6})(?!\d)", body).group(1)
    response = client.post("/w/register/", {**form, "consent": "on", "code": code, "action": "register"})
    assert response.status_code == 302
    assert Worker.objects.get().language == "bo"


def test_registering_at_a_tibetan_kiosk_keeps_tibetan(kiosk_client, signed, id_numbers, job_types):
    from django.conf import settings

    from lingong.kiosk.tests.test_views import register_through_screens
    from lingong.workers.models import Worker

    kiosk_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "bo"
    assert register_through_screens(kiosk_client, signed, id_numbers[60], job_types).url == "/kiosk/home/"
    assert Worker.objects.get().language == "bo"


def test_staff_see_the_carriers_receipts_and_find_the_undelivered(client, admin_user, interview):
    rows = list(Notification.objects.order_by("pk"))
    Notification.objects.filter(pk=rows[0].pk).update(receipt="delivered", receipt_code="DELIVERED")
    Notification.objects.filter(pk=rows[1].pk).update(receipt="undelivered", receipt_code="MK:0001")
    client.force_login(admin_user)
    page = client.get("/console/messages/").content.decode()
    assert 'class="receipt receipt-delivered"' in page and "MK:0001" in page
    undelivered = client.get("/console/messages/?receipt=undelivered").content.decode()
    assert f'data-notification="{rows[1].pk}"' in undelivered and f'data-notification="{rows[0].pk}"' not in undelivered
    nonsense = client.get("/console/messages/?receipt=%27%20OR%201%3D1").content.decode()  # ignored, not an error
    assert all(f'data-notification="{row.pk}"' in nonsense for row in rows)
