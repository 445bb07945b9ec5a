"""The worker door's protection screens: my work, signing, wages, rating, why my score is this."""

from __future__ import annotations

import pytest

from lingong.agreements.models import Agreement
from lingong.attendance.models import PlacementConfirmation
from lingong.credit.models import Appeal, Rating
from lingong.credit.services import credit_event_record
from lingong.jobs.models import Placement, PlacementStatus
from lingong.rights.models import RightsCase
from lingong.testing.protection_fixtures import other_worker, paid_wage, placement, worker  # noqa: F401,E402

from .conftest import sms_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, worker):
    client.force_login(worker.user)
    return client


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get("/w/work/")["Location"] == "/w/login/?next=%2Fw%2Fwork%2F"
    assert client.get("/w/score/")["Location"] == "/w/login/?next=%2Fw%2Fscore%2F"


def test_my_work_lists_placement_totals_and_actions(signed_in, placement, employer):
    html = signed_in.get("/w/work/").content.decode()
    agreement = Agreement.objects.get(placement=placement)
    assert f'data-placement="{placement.pk}"' in html and 'data-confirmation="pending"' in html
    assert f"/w/work/{placement.pk}/confirm/" in html and f"/agreements/{agreement.pk}/pdf/" in html
    assert f"/w/agreements/{agreement.pk}/sign/" in html
    assert employer.contact_phone_masked in html and "13800138000" not in html
    assert 'href="/w/work/"' in html  # in the door's menu


def test_confirm_on_the_web(signed_in, placement):
    assert signed_in.post(f"/w/work/{placement.pk}/confirm/")["Location"] == "/w/work/"
    confirmation = PlacementConfirmation.objects.get(placement=placement)
    assert (confirmation.status, confirmation.channel) == ("confirmed", "web")


def test_another_workers_records_are_not_found(client, other_worker, placement, paid_wage):
    client.force_login(other_worker.user)
    agreement = Agreement.objects.get(placement=placement)
    assert client.post(f"/w/work/{placement.pk}/confirm/").status_code == 404
    assert client.get(f"/w/work/{placement.pk}/rate/").status_code == 404
    assert client.get(f"/w/agreements/{agreement.pk}/sign/").status_code == 404
    assert client.post(f"/w/wages/{paid_wage.pk}/received/").status_code == 404
    assert client.post(f"/w/wages/{paid_wage.pk}/not-received/").status_code == 404
    paid_wage.refresh_from_db()
    assert paid_wage.status == "paid"
    assert f'data-placement="{placement.pk}"' not in client.get("/w/work/").content.decode()


def test_sign_the_agreement_by_sms(signed_in, send, placement, worker):
    agreement = Agreement.objects.get(placement=placement)
    url = f"/w/agreements/{agreement.pk}/sign/"
    assert worker.phone_masked in signed_in.get(url).content.decode()
    response = send(url, {"action": "send"})
    assert response.status_code == 200 and 'name="code"' in response.content.decode()
    code = sms_code("13900000001")
    wrong = "000000" if code != "000000" else "111111"
    assert signed_in.post(url, {"action": "sign", "code": wrong}).status_code == 400
    assert signed_in.post(url, {"action": "sign", "code": ""}).status_code == 400
    agreement.refresh_from_db()
    assert agreement.status == "draft"
    assert signed_in.post(url, {"action": "sign", "code": code})["Location"] == "/w/work/"
    agreement.refresh_from_db()
    assert (agreement.status, agreement.worker_sign_method, agreement.worker_sign_channel) == (
        "worker_signed",
        "sms",
        "web",
    )


def test_wage_received(signed_in, paid_wage):
    html = signed_in.get("/w/work/").content.decode()
    assert 'data-wage="paid"' in html and f"/w/wages/{paid_wage.pk}/received/" in html
    assert signed_in.post(f"/w/wages/{paid_wage.pk}/received/")["Location"] == "/w/work/"
    paid_wage.refresh_from_db()
    assert (paid_wage.status, paid_wage.received_channel) == ("received", "web")
    signed_in.post(f"/w/wages/{paid_wage.pk}/not-received/")  # refused now: stays received
    paid_wage.refresh_from_db()
    assert paid_wage.status == "received" and RightsCase.objects.count() == 0


def test_wage_not_received_goes_to_rights_protection(signed_in, paid_wage):
    signed_in.post(f"/w/wages/{paid_wage.pk}/not-received/", {"reason": "没收到"})
    paid_wage.refresh_from_db()
    assert paid_wage.status == "escalated"
    assert RightsCase.objects.get().placement_id == paid_wage.placement_id


def test_rate_with_stars_and_tags(signed_in, placement, employer):
    url = f"/w/work/{placement.pk}/rate/"
    assert signed_in.post(url, {"stars": "5"}).status_code == 409  # not completed yet
    Placement.objects.filter(pk=placement.pk).update(status=PlacementStatus.COMPLETED)
    assert signed_in.post(url, {"stars": "9"}).status_code == 400
    assert signed_in.post(url, {"stars": "4", "tags": ["bogus"]}).status_code == 400
    assert Rating.objects.count() == 0
    assert signed_in.post(url, {"stars": "4", "tags": ["fair", "paid_on_time"]})["Location"] == "/w/work/"
    rating = Rating.objects.get()
    assert (rating.side, rating.stars, rating.tags, rating.employer_id) == (
        "worker",
        4,
        ["fair", "paid_on_time"],
        employer.pk,
    )
    assert f"/w/work/{placement.pk}/rate/" not in signed_in.get("/w/work/").content.decode()


def test_score_explains_and_appeal(signed_in, worker, placement):
    event, _ = credit_event_record(subject=worker, kind="no_show", source=placement)
    html = signed_in.get("/w/score/").content.decode()
    assert f'data-event="{event.pk}"' in html and f"/w/score/appeal/event/{event.pk}/" in html
    assert signed_in.post(f"/w/score/appeal/event/{event.pk}/", {"reason": "  "})["Location"] == "/w/score/"
    assert signed_in.post("/w/score/appeal/penalty/999/", {"reason": "x"}).status_code == 404
    assert Appeal.objects.count() == 0
    signed_in.post(f"/w/score/appeal/event/{event.pk}/", {"reason": "我那天去了"})
    appeal = Appeal.objects.get()
    assert (appeal.credit_event_id, appeal.reason, appeal.worker_id) == (event.pk, "我那天去了", worker.pk)


def test_another_workers_credit_event_cannot_be_appealed(client, worker, other_worker, placement):
    event, _ = credit_event_record(subject=worker, kind="no_show", source=placement)
    client.force_login(other_worker.user)
    assert client.post(f"/w/score/appeal/event/{event.pk}/", {"reason": "x"}).status_code == 404
    assert Appeal.objects.count() == 0
