"""The worker's own screens at the kiosk: my work, signing, wages, rating, my score, wages not paid."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from lingong.agreements.models import Agreement
from lingong.attendance.models import PlacementConfirmation
from lingong.credit.models import Appeal, Rating
from lingong.credit.services import credit_event_record
from lingong.jobs.models import Placement, PlacementStatus
from lingong.portal.tests.conftest import sms_code
from lingong.rights.models import RightsCase
from lingong.testing.protection_fixtures import other_worker, paid_wage, placement, worker  # noqa: F401,E402
from lingong.wages.models import WagePayment

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(kiosk_client, worker):
    kiosk_client.force_login(worker.user)
    return kiosk_client


def test_home_has_the_work_score_and_wage_help_buttons(signed_in, placement):
    html = signed_in.get("/kiosk/home/").content.decode()
    assert 'href="/kiosk/work/"' in html and 'href="/kiosk/score/"' in html and 'href="/kiosk/help/wages/"' in html


def test_my_work_lists_the_placement_with_masked_contact_and_totals(signed_in, placement, employer):
    response = signed_in.get("/kiosk/work/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-placement="{placement.pk}"' in html
    assert employer.contact_phone_masked in html and "13800138000" not in html
    assert 'data-confirmation="pending"' in html and f"/kiosk/work/{placement.pk}/confirm/" in html
    agreement = Agreement.objects.get(placement=placement)
    assert f"/agreements/{agreement.pk}/pdf/" in html and f"/kiosk/agreements/{agreement.pk}/sign/" in html


def test_confirm_i_will_come(signed_in, placement):
    response = signed_in.post(f"/kiosk/work/{placement.pk}/confirm/")
    assert response.status_code == 302 and response["Location"] == "/kiosk/work/"
    confirmation = PlacementConfirmation.objects.get(placement=placement)
    assert (confirmation.status, confirmation.channel) == ("confirmed", "kiosk")
    assert 'data-confirmation="confirmed"' in signed_in.get("/kiosk/work/").content.decode()


def test_another_workers_placement_is_not_found_and_unchanged(kiosk_client, other_worker, placement):
    kiosk_client.force_login(other_worker.user)
    assert kiosk_client.post(f"/kiosk/work/{placement.pk}/confirm/").status_code == 404
    assert kiosk_client.get(f"/kiosk/work/{placement.pk}/rate/").status_code == 404
    agreement = Agreement.objects.get(placement=placement)
    assert kiosk_client.get(f"/kiosk/agreements/{agreement.pk}/sign/").status_code == 404
    wage = WagePayment.objects.get(placement=placement)
    assert kiosk_client.post(f"/kiosk/wages/{wage.pk}/received/").status_code == 404
    assert PlacementConfirmation.objects.get(placement=placement).status == "pending"


def test_sign_the_agreement_with_the_sms_code(signed_in, placement, worker, django_capture_on_commit_callbacks):
    agreement = Agreement.objects.get(placement=placement)
    page = signed_in.get(f"/kiosk/agreements/{agreement.pk}/sign/").content.decode()
    assert worker.phone_masked in page
    # the code screen is not reachable before the code was sent
    assert (
        signed_in.get(f"/kiosk/agreements/{agreement.pk}/sign/code/")["Location"]
        == f"/kiosk/agreements/{agreement.pk}/sign/"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(f"/kiosk/agreements/{agreement.pk}/sign/")
    assert response["Location"] == f"/kiosk/agreements/{agreement.pk}/sign/code/"
    code = sms_code("13900000001")
    wrong = "000000" if code != "000000" else "111111"
    response = signed_in.post(f"/kiosk/agreements/{agreement.pk}/sign/code/", {"code": wrong})
    assert response.status_code == 400
    agreement.refresh_from_db()
    assert (agreement.status, agreement.worker_signed_at) == ("draft", None)
    response = signed_in.post(f"/kiosk/agreements/{agreement.pk}/sign/code/", {"code": code})
    assert response["Location"] == "/kiosk/work/"
    agreement.refresh_from_db()
    assert (agreement.status, agreement.worker_sign_method, agreement.worker_sign_channel) == (
        "worker_signed",
        "sms",
        "kiosk",
    )


def test_wage_received_and_not_received(signed_in, paid_wage):
    html = signed_in.get("/kiosk/work/").content.decode()
    assert 'data-wage="paid"' in html and 'data-outstanding><spanclass="nowrap">0\u00a0元</span>' in html.replace(
        " ", ""
    )
    assert signed_in.post(f"/kiosk/wages/{paid_wage.pk}/received/").status_code == 302
    paid_wage.refresh_from_db()
    assert (paid_wage.status, paid_wage.received_channel) == ("received", "kiosk")
    # a second answer is refused with its message, nothing changes
    signed_in.post(f"/kiosk/wages/{paid_wage.pk}/not-received/")
    paid_wage.refresh_from_db()
    assert paid_wage.status == "received"
    assert 'class="k-error"' in signed_in.get("/kiosk/work/").content.decode()


def test_wage_not_received_passes_to_rights_protection(signed_in, paid_wage):
    signed_in.post(f"/kiosk/wages/{paid_wage.pk}/not-received/")
    paid_wage.refresh_from_db()
    assert paid_wage.status == "escalated"
    assert RightsCase.objects.get().placement_id == paid_wage.placement_id


def test_rate_the_employer_after_completed_work(signed_in, placement, employer):
    assert signed_in.post(f"/kiosk/work/{placement.pk}/rate/", {"stars": "5"}).status_code == 409  # not completed
    assert Rating.objects.count() == 0
    Placement.objects.filter(pk=placement.pk).update(status=PlacementStatus.COMPLETED)
    assert f"/kiosk/work/{placement.pk}/rate/" in signed_in.get("/kiosk/work/").content.decode()
    for bad in ("0", "6", "abc", ""):
        assert signed_in.post(f"/kiosk/work/{placement.pk}/rate/", {"stars": bad}).status_code == 400
    assert Rating.objects.count() == 0
    assert signed_in.post(f"/kiosk/work/{placement.pk}/rate/", {"stars": "4"})["Location"] == "/kiosk/work/"
    rating = Rating.objects.get()
    assert (rating.side, rating.stars, rating.employer_id, rating.worker_id) == ("worker", 4, employer.pk, None)
    assert signed_in.post(f"/kiosk/work/{placement.pk}/rate/", {"stars": "1"}).status_code == 409
    assert Rating.objects.count() == 1


def test_score_lists_events_and_an_appeal_is_filed(signed_in, worker, placement, other_worker):
    event, _ = credit_event_record(subject=worker, kind="no_show", source=placement)
    html = signed_in.get("/kiosk/score/").content.decode()
    assert f'data-event="{event.pk}"' in html and f"/kiosk/score/appeal/event/{event.pk}/" in html
    assert signed_in.post(f"/kiosk/score/appeal/event/{event.pk}/", {"reason": "nonsense"}).status_code == 400
    assert signed_in.post("/kiosk/score/appeal/other/1/", {"reason": "was_there"}).status_code == 404
    assert Appeal.objects.count() == 0
    response = signed_in.post(f"/kiosk/score/appeal/event/{event.pk}/", {"reason": "was_there"})
    assert response["Location"] == "/kiosk/score/"
    appeal = Appeal.objects.get()
    assert (appeal.credit_event_id, appeal.worker_id, appeal.status) == (event.pk, worker.pk, "pending")
    with translation.override("zh-hans"):  # staff read the reason in Chinese
        expected = gettext("At the kiosk: %(reason)s") % {"reason": gettext("I was there and did the work.")}
    assert appeal.reason == expected


def test_another_workers_credit_event_is_not_found(kiosk_client, worker, other_worker, placement):
    event, _ = credit_event_record(subject=worker, kind="no_show", source=placement)
    kiosk_client.force_login(other_worker.user)
    assert kiosk_client.post(f"/kiosk/score/appeal/event/{event.pk}/", {"reason": "was_there"}).status_code == 404
    assert Appeal.objects.count() == 0


def test_wages_not_paid_opens_a_rights_case(signed_in, placement, worker, employer, kiosk):
    page = signed_in.get("/kiosk/help/wages/").content.decode()
    assert f'name="placement" value="{placement.pk}"' in page
    assert signed_in.get("/kiosk/help/wages/amount/")["Location"] == "/kiosk/help/wages/"
    assert signed_in.post("/kiosk/help/wages/", {"placement": "x'"})["Location"] == "/kiosk/help/wages/"
    assert signed_in.post("/kiosk/help/wages/", {"placement": placement.pk})["Location"] == "/kiosk/help/wages/amount/"
    for bad in ("", "0", "12a", "1234567"):
        assert signed_in.post("/kiosk/help/wages/amount/", {"amount": bad}).status_code == 400
    assert RightsCase.objects.count() == 0
    response = signed_in.post("/kiosk/help/wages/amount/", {"amount": "350"})
    assert response["Location"] == "/kiosk/help/wages/done/"
    case = RightsCase.objects.get()
    assert (case.kind, case.amount_claimed_fen, case.employer_id, case.placement_id, case.channel, case.station_id) == (
        "wage_arrears",
        35000,
        employer.pk,
        placement.pk,
        "kiosk",
        kiosk.station_id,
    )
    assert list(case.workers.all()) == [worker]
    html = signed_in.get("/kiosk/help/wages/done/").content.decode()
    assert f"data-case>{case.pk}<" in html and "data-rights-window" in html and "12333" in html


def test_wages_not_paid_about_another_workers_job_is_refused(kiosk_client, other_worker, placement):
    kiosk_client.force_login(other_worker.user)
    assert f'value="{placement.pk}"' not in kiosk_client.get("/kiosk/help/wages/").content.decode()
    assert kiosk_client.post("/kiosk/help/wages/", {"placement": placement.pk})["Location"] == "/kiosk/help/wages/"
    assert kiosk_client.post("/kiosk/help/wages/amount/", {"amount": "100"})["Location"] == "/kiosk/help/wages/"
    assert RightsCase.objects.count() == 0


def test_screens_need_a_signed_in_worker(kiosk_client, placement):
    for url in ("/kiosk/work/", "/kiosk/score/", "/kiosk/help/wages/"):
        assert kiosk_client.get(url)["Location"] == "/kiosk/"
