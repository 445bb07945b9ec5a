"""What a kiosk tells the district's figures: each sign-in is one session of that kiosk, and a hire records the
kiosk where the worker said yes (docs/figures.md, by kiosk). Through the kiosk's own screens."""

from __future__ import annotations

import pytest

from lingong.core.models import Event
from lingong.jobs.models import Placement
from lingong.jobs.services import application_accept, application_create
from lingong.jobs.tests.factories import post_job
from lingong.stats.selectors import stats_kiosks, stats_station
from lingong.stats.services import stats_rollup_recent

from .test_views import post_card, register_through_screens, sms_code_of

pytestmark = pytest.mark.django_db


def sessions_of(kiosk) -> list[tuple]:
    events = Event.objects.filter(verb="kiosk_sign_in", subject_id=str(kiosk.pk)).order_by("id")
    return [(e.actor_id, e.station_id, e.channel, e.data["way"]) for e in events]


def kiosk_row(user, kiosk, today) -> dict:
    rows = stats_kiosks(user=user, first=today, last=today)
    return next(row for row in rows if row["kiosk"] == kiosk)


def test_a_card_sign_in_is_one_session_of_that_kiosk(
    kiosk_client, kiosk, register_worker, signed, id_numbers, admin_user, now, today
):
    worker = register_worker()
    assert post_card(kiosk_client, signed(id_numbers[1], worker.name)).json() == {"redirect": "/kiosk/home/"}
    assert sessions_of(kiosk) == [(worker.user_id, kiosk.station_id, "kiosk", "card")]
    # The same card again while signed in: the same session, not a second one.
    assert post_card(kiosk_client, signed(id_numbers[1], worker.name)).json() == {"redirect": "/kiosk/home/"}
    assert len(sessions_of(kiosk)) == 1

    stats_rollup_recent(now=now)
    row = kiosk_row(admin_user, kiosk, today)
    assert (row["station"], row["sessions"], row["sessions_per_day"], row["matches"]) == (
        kiosk.station,
        1,
        1,
        0,
    )
    assert stats_station(user=admin_user, station_id=kiosk.station_id, first=today, last=today)["kiosk_sessions"] == 1


def test_a_refused_sign_in_is_no_session(kiosk_client, kiosk, register_worker, signed, id_numbers):
    worker = register_worker()
    expired = signed(id_numbers[1], worker.name, valid_until="20200101")
    assert post_card(kiosk_client, expired).status_code == 400
    kiosk_client.post("/kiosk/scan/", {"value": id_numbers[1]})
    assert kiosk_client.post("/kiosk/scan/code/", {"code": "000000"}).status_code == 400  # a wrong code
    assert "_auth_user_id" not in kiosk_client.session
    assert sessions_of(kiosk) == []


def test_every_way_of_signing_in_is_a_session(
    kiosk_client, kiosk, register_worker, signed, id_numbers, job_types, django_capture_on_commit_callbacks
):
    from lingong.kiosk.services import personal_code_issue

    worker = register_worker()
    # the personal QR from the phone, read by the scanner
    assert kiosk_client.post("/kiosk/scan/", {"value": personal_code_issue(worker=worker)}).url == "/kiosk/home/"
    kiosk_client.post("/kiosk/finish/")
    # the ID number typed, then the code sent to the registered phone
    with django_capture_on_commit_callbacks(execute=True):
        kiosk_client.post("/kiosk/scan/", {"value": id_numbers[1]})
    assert kiosk_client.post("/kiosk/scan/code/", {"code": sms_code_of(worker.phone_masked)}).url == "/kiosk/home/"
    kiosk_client.post("/kiosk/finish/")
    # a first visit: registered at the kiosk, and signed in there
    assert register_through_screens(kiosk_client, signed, id_numbers[40], job_types).url == "/kiosk/home/"
    newcomer = int(kiosk_client.session["_auth_user_id"])
    assert sessions_of(kiosk) == [
        (worker.user_id, kiosk.station_id, "kiosk", "personal_code"),
        (worker.user_id, kiosk.station_id, "kiosk", "typed"),
        (newcomer, kiosk.station_id, "kiosk", "register"),
    ]


def test_the_kiosk_qr_confirmed_on_the_phone_is_a_session(kiosk_client, kiosk, register_worker, monkeypatch):
    from django.test import Client

    import lingong.kiosk.services as services

    raw = "Q" * 32
    monkeypatch.setattr(services.secrets, "token_urlsafe", lambda n: raw)
    worker = register_worker()
    kiosk_client.get("/kiosk/")
    phone = Client()
    phone.force_login(worker.user)
    assert phone.post(f"/kiosk/q/{raw}/").status_code == 200
    assert sessions_of(kiosk) == []  # confirmed on the phone: the kiosk has not signed anyone in yet
    assert kiosk_client.get("/kiosk/qr/status/").json()["status"] == "confirmed"
    assert sessions_of(kiosk) == [(worker.user_id, kiosk.station_id, "kiosk", "qr")]


@pytest.fixture
def at_the_kiosk(kiosk_client, register_worker, signed, id_numbers):
    """A worker signed in at the kiosk with the ID card, as a person would be."""
    worker = register_worker()
    post_card(kiosk_client, signed(id_numbers[1], worker.name))
    return worker


def test_an_offer_taken_at_the_kiosk_is_a_match_of_that_kiosk(
    kiosk_client, kiosk, at_the_kiosk, employer, job_types, staff, admin_user, now, today
):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff)
    offer = application_create(job=job, worker=at_the_kiosk, origin="staff", channel="window", actor=staff)
    application_accept(application=offer, side="employer", actor=staff, channel="window")

    assert kiosk_client.post(f"/kiosk/applications/{offer.pk}/answer/", {"answer": "yes"}).url == "/kiosk/home/"
    placement = Placement.objects.get(application=offer)
    assert (placement.channel, placement.kiosk, placement.station) == ("kiosk", kiosk, kiosk.station)

    stats_rollup_recent(now=now)
    row = kiosk_row(admin_user, kiosk, today)
    assert (row["sessions"], row["matches"], row["matches_per_day"], row["later_hires"]) == (1, 1, 1, 0)
    station = stats_station(user=admin_user, station_id=kiosk.station_id, first=today, last=today)
    assert station["placements_kiosk"] == 1  # the station's kiosk matches: this kiosk's


def test_applied_at_the_kiosk_and_taken_later_at_the_window_records_the_kiosk_but_is_no_kiosk_match(
    kiosk_client, kiosk, at_the_kiosk, employer, job_types, staff, admin_user, now, today
):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff)
    assert kiosk_client.post(f"/kiosk/jobs/{job.pk}/apply/").url == "/kiosk/home/"
    application = at_the_kiosk.applications.get()
    assert (application.channel, application.kiosk) == ("kiosk", kiosk)

    application_accept(application=application, side="employer", actor=staff, channel="window")
    placement = Placement.objects.get(application=application)
    assert (placement.channel, placement.kiosk) == ("window", kiosk)  # the hire's channel is the last yes's

    stats_rollup_recent(now=now)
    row = kiosk_row(admin_user, kiosk, today)
    assert (row["sessions"], row["matches"], row["later_hires"]) == (1, 0, 1)


def test_a_staff_proposal_answered_yes_at_the_kiosk_keeps_the_kiosk_until_the_employer_says_yes(
    kiosk_client, kiosk, at_the_kiosk, employer, job_types, staff
):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff)
    proposal = application_create(job=job, worker=at_the_kiosk, origin="staff", channel="window", actor=staff)
    assert kiosk_client.post(f"/kiosk/applications/{proposal.pk}/answer/", {"answer": "yes"}).url == "/kiosk/home/"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.kiosk) == ("accepted_by_worker", kiosk)
    assert not Placement.objects.exists()

    application_accept(application=proposal, side="employer", actor=staff, channel="window")
    assert Placement.objects.get(application=proposal).kiosk == kiosk
