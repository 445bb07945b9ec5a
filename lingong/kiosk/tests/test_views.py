"""Kiosk screens through the test client: each refusal shows its message and changes nothing."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.conf import settings

from lingong.jobs.models import Application
from lingong.jobs.tests.factories import post_job
from lingong.kiosk.models import CardReadNonce, KioskLoginCode, StaffCallRequest
from lingong.workers.models import Worker

pytestmark = pytest.mark.django_db


def post_card(client, message):
    return client.post(
        "/kiosk/card/",
        data=json.dumps(message, ensure_ascii=False),
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )


def phone_through_screens(client, phone="13712345678"):
    """Type the phone, then the code that reached it by SMS."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post("/kiosk/register/phone/", {"phone": phone}).url == "/kiosk/register/code/"
    code = sms_code_of(phone[:3] + "****" + phone[-4:])
    assert client.post("/kiosk/register/code/", {"code": code}).url == "/kiosk/register/trades/"


def register_through_screens(client, signed, id_number, job_types, phone="13712345678", min_day_pay="200"):
    response = post_card(client, signed(id_number, "次仁"))
    assert response.status_code == 200 and response.json() == {"redirect": "/kiosk/register/"}
    assert client.get("/kiosk/register/").status_code == 200
    phone_through_screens(client, phone)
    mover = job_types["mover"]
    assert client.post("/kiosk/register/trades/", {"action": f"toggle:{mover.pk}"}).status_code == 302
    assert client.post("/kiosk/register/trades/", {"action": "done"}).url == "/kiosk/register/times/"
    assert client.post("/kiosk/register/times/", {"availability": "days"}).url == "/kiosk/register/pay/"
    assert client.post("/kiosk/register/pay/", {"min_day_pay": min_day_pay}).url == "/kiosk/register/consent/"
    return client.post(
        "/kiosk/register/consent/", {"notice_version": settings.CONSENT_NOTICE_VERSION, "read_aloud": "1"}
    )


def test_an_unbound_browser_gets_the_set_up_page(client):
    response = client.get("/kiosk/")
    assert response.status_code == 403
    assert b'href="/kiosk/setup/"' in response.content


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_start_screen_shows_an_inline_qr_and_the_wedge_input(kiosk_client, language):
    kiosk_client.cookies["lingong_language"] = language
    html = kiosk_client.get("/kiosk/").content.decode()
    assert f'<html lang="{language}">' in html
    assert "<svg" in html and 'data-poll-url="/kiosk/qr/status/"' in html
    assert 'id="k-wedge-input"' in html
    assert KioskLoginCode.objects.count() == 1
    assert "http://" not in re.sub(r'xmlns(:\w+)?="http://www.w3.org/[^"]*"', "", html)  # no external URL


def test_first_visit_registers_signs_in_and_drops_the_card(kiosk_client, kiosk, signed, id_numbers, job_types):
    response = register_through_screens(kiosk_client, signed, id_numbers[20], job_types)
    assert response.url == "/kiosk/home/"
    worker = Worker.objects.get()
    assert (worker.name, worker.channel, worker.registered_station, worker.phone_masked, worker.min_day_pay_fen) == (
        "次仁",
        "kiosk",
        kiosk.station,
        "137****5678",
        20000,
    )
    assert list(worker.trades.values_list("job_type__slug", flat=True)) == ["mover"]
    consent = worker.consents.get()
    # the form's "read_aloud" is not believed: only a notice served and heard to its end counts (test_voice)
    assert (consent.channel, consent.read_aloud, consent.recorded_by) == ("kiosk", False, None)
    assert "kiosk_card" not in kiosk_client.session and "kiosk_reg" not in kiosk_client.session
    assert int(kiosk_client.session["_auth_user_id"]) == worker.user_id


def test_the_id_number_never_appears_in_urls_or_pages(kiosk_client, signed, id_numbers, job_types):
    post_card(kiosk_client, signed(id_numbers[20], "次仁"))
    html = kiosk_client.get("/kiosk/register/").content.decode()
    assert id_numbers[20] not in html and "540102" in html  # masked
    assert id_numbers[20] not in json.dumps(dict(kiosk_client.session.items()))  # sealed in the session


def test_a_registered_worker_swiping_is_signed_in(kiosk_client, register_worker, signed, id_numbers):
    worker = register_worker()
    response = post_card(kiosk_client, signed(id_numbers[1], worker.name))
    assert response.json() == {"redirect": "/kiosk/home/"}
    assert int(kiosk_client.session["_auth_user_id"]) == worker.user_id


@pytest.mark.parametrize("change", ["forged", "replayed", "wrong_birth", "expired", "not_json"])
def test_bad_card_reads_show_a_message_and_change_nothing(kiosk_client, signed, id_numbers, change):
    message = signed(id_numbers[20])
    if change == "forged":
        message = signed(id_numbers[20], key="guessed")
    elif change == "replayed":
        assert post_card(kiosk_client, message).status_code == 200
        kiosk_client.session.flush()
        kiosk_client.cookies.pop(settings.SESSION_COOKIE_NAME, None)
    elif change == "wrong_birth":
        message = signed(id_numbers[20], birth_date="19991231")
    elif change == "expired":
        message = signed(id_numbers[20], valid_until="20200101")
    nonces = CardReadNonce.objects.count()
    if change == "not_json":
        response = kiosk_client.post("/kiosk/card/", data=b"{not json", content_type="application/json")
    else:
        response = post_card(kiosk_client, message)
    assert response.status_code == 400
    assert (
        response.json()["code"]
        == {
            "forged": "card_bad_signature",
            "replayed": "card_replayed",
            "wrong_birth": "card_birth_mismatch",
            "expired": "card_expired",
            "not_json": "card_malformed",
        }[change]
    )
    assert response.json()["message"]
    assert "kiosk_card" not in kiosk_client.session and "_auth_user_id" not in kiosk_client.session
    assert Worker.objects.count() == 0
    assert CardReadNonce.objects.count() == nonces + (1 if change in ("wrong_birth", "expired") else 0)


def test_a_typed_number_never_signs_in_and_does_not_tell_who_is_registered(
    kiosk_client, register_worker, id_numbers, django_capture_on_commit_callbacks
):
    worker = register_worker()
    response = kiosk_client.post("/kiosk/scan/", {"value": "1234"}, follow=True)
    assert "_auth_user_id" not in kiosk_client.session and b'class="k-error"' in response.content
    pages = []
    for number in (id_numbers[30], id_numbers[1]):  # unregistered, registered
        with django_capture_on_commit_callbacks(execute=True):
            assert kiosk_client.post("/kiosk/scan/", {"value": number}).url == "/kiosk/scan/code/"
        assert "_auth_user_id" not in kiosk_client.session
        page = kiosk_client.get("/kiosk/scan/code/").content.decode()
        pages.append(re.sub(r'(csrf-token" content|csrfmiddlewaretoken" value)="[^"]*"', "", page))
    assert pages[0] == pages[1]  # the same screen: no oracle
    assert kiosk_client.post("/kiosk/scan/code/", {"code": "000000"}).status_code == 400
    assert kiosk_client.post("/kiosk/scan/code/", {"code": sms_code_of(worker.phone_masked)}).url == "/kiosk/home/"
    assert int(kiosk_client.session["_auth_user_id"]) == worker.user_id


def test_the_kiosk_takeover_with_a_typed_number_is_refused(
    kiosk_client, register_worker, id_numbers, django_capture_on_commit_callbacks
):
    """The attack of the security review: someone's ID number typed at a kiosk, then their phone changed."""
    victim = register_worker()
    with django_capture_on_commit_callbacks(execute=True):
        kiosk_client.post("/kiosk/scan/", {"value": id_numbers[1]})
    for guess in ("123456", "000000", "111111"):
        kiosk_client.post("/kiosk/scan/code/", {"code": guess})
    assert "_auth_user_id" not in kiosk_client.session
    assert kiosk_client.get("/kiosk/phone/").url == "/kiosk/"  # not signed in: no phone change
    assert kiosk_client.post("/kiosk/phone/", {"phone": "13687654321"}).url == "/kiosk/"
    victim.refresh_from_db()
    assert victim.phone_masked == "139****0001"


def test_invalid_phone_and_no_trade_are_refused(kiosk_client, signed, id_numbers, job_types):
    post_card(kiosk_client, signed(id_numbers[20]))
    response = kiosk_client.post("/kiosk/register/phone/", {"phone": "12345"})
    assert response.status_code == 400 and b'class="k-error"' in response.content
    assert "phone" not in kiosk_client.session["kiosk_reg"]
    phone_through_screens(kiosk_client)
    response = kiosk_client.post("/kiosk/register/trades/", {"action": "done"})
    assert response.status_code == 400 and b'class="k-error"' in response.content


def test_consent_without_the_notice_version_is_refused(kiosk_client, signed, id_numbers, job_types):
    post_card(kiosk_client, signed(id_numbers[20]))
    phone_through_screens(kiosk_client)
    kiosk_client.post("/kiosk/register/trades/", {"action": f"toggle:{job_types['mover'].pk}"})
    kiosk_client.post("/kiosk/register/times/", {"availability": "mornings"})
    kiosk_client.post("/kiosk/register/pay/", {"min_day_pay": "any"})
    response = kiosk_client.post("/kiosk/register/consent/", {"notice_version": "old"})
    assert response.status_code == 400 and b'class="k-error"' in response.content
    assert Worker.objects.count() == 0 and "kiosk_card" in kiosk_client.session


def test_a_taken_phone_is_refused_before_any_code_is_sent(
    kiosk_client, register_worker, signed, id_numbers, django_capture_on_commit_callbacks
):
    from lingong.accounts.models import SmsCode, SmsOutbox

    register_worker()  # holds 13900000001
    post_card(kiosk_client, signed(id_numbers[20]))
    with django_capture_on_commit_callbacks(execute=True):
        response = kiosk_client.post("/kiosk/register/phone/", {"phone": "13900000001"})
    assert response.status_code == 400 and b'class="k-error"' in response.content
    assert (SmsCode.objects.count(), SmsOutbox.objects.count(), Worker.objects.count()) == (0, 0, 1)
    assert "phone" not in kiosk_client.session["kiosk_reg"]


@pytest.fixture
def signed_in(kiosk_client, register_worker):
    worker = register_worker()
    kiosk_client.force_login(worker.user)
    return worker


def test_home_lists_jobs_and_apply_twice_changes_nothing(kiosk_client, signed_in, employer, job_types, staff, kiosk):
    jobs = [post_job(employer=employer, job_type=job_types["mover"], actor=staff) for _ in range(12)]
    html = kiosk_client.get("/kiosk/home/").content.decode()
    assert html.count('class="k-job"') == 12 and "300\u00a0元/天" in html and "¥" not in html
    assert kiosk_client.post(f"/kiosk/jobs/{jobs[0].pk}/apply/").url == "/kiosk/home/"
    application = Application.objects.get()
    assert (application.worker, application.channel, application.station, application.status) == (
        signed_in,
        "kiosk",
        kiosk.station,
        "accepted_by_worker",
    )
    kiosk_client.post(f"/kiosk/jobs/{jobs[0].pk}/apply/")
    html = kiosk_client.get("/kiosk/home/").content.decode()
    assert 'class="k-error"' in html and Application.objects.count() == 1
    assert kiosk_client.post(f"/kiosk/applications/{application.pk}/withdraw/").url == "/kiosk/home/"
    application.refresh_from_db()
    assert application.status == "withdrawn"


def test_withdraw_of_someone_elses_application_is_refused(
    kiosk_client, signed_in, register_worker, employer, job_types, staff
):
    from lingong.jobs.services import application_create

    other = register_worker()
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff)
    application = application_create(job=job, worker=other, origin="worker", channel="web", actor=other.user)
    kiosk_client.post(f"/kiosk/applications/{application.pk}/withdraw/")
    application.refresh_from_db()
    assert application.status == "accepted_by_worker"


def sms_code_of(phone_masked: str) -> str:
    from lingong.accounts.models import SmsOutbox

    body = SmsOutbox.objects.filter(phone_masked=phone_masked).latest("id").body
    return re.search(r"\d{6}", body).group(0)


def test_phone_change_needs_the_old_phones_code_then_the_new_ones(
    kiosk_client, signed_in, django_capture_on_commit_callbacks
):
    # Straight to the new number: refused, the first step is the current phone.
    from lingong.accounts.models import SmsCode
    from lingong.kiosk.services import PHONE_CHANGE_PURPOSE

    response = kiosk_client.post("/kiosk/phone/", {"phone": "13687654321"})
    assert response.status_code == 400 and not SmsCode.objects.filter(purpose=PHONE_CHANGE_PURPOSE).exists()
    assert kiosk_client.post("/kiosk/phone/code/", {"code": "123456"}).url == "/kiosk/phone/"
    with django_capture_on_commit_callbacks(execute=True):
        kiosk_client.post("/kiosk/phone/", {"action": "send_old"})
    old_code = sms_code_of("139****0001")
    wrong = "000000" if old_code != "000000" else "111111"
    assert kiosk_client.post("/kiosk/phone/", {"code": wrong}).status_code == 400
    assert kiosk_client.post("/kiosk/phone/", {"code": old_code}).url == "/kiosk/phone/"
    with django_capture_on_commit_callbacks(execute=True):
        assert kiosk_client.post("/kiosk/phone/", {"phone": "13687654321"}).url == "/kiosk/phone/code/"
    code = sms_code_of("136****4321")
    wrong = "000000" if code != "000000" else "111111"
    response = kiosk_client.post("/kiosk/phone/code/", {"code": wrong})
    assert response.status_code == 400 and b'class="k-error"' in response.content
    signed_in.refresh_from_db()
    assert signed_in.phone_masked == "139****0001"
    assert kiosk_client.post("/kiosk/phone/code/", {"code": code}).url == "/kiosk/home/"
    signed_in.refresh_from_db()
    assert signed_in.phone_masked == "136****4321"


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_qr_sign_in_through_the_phone(kiosk_client, register_worker, monkeypatch, language):
    from django.test import Client

    import lingong.kiosk.services as services

    raw = "R" * 32
    monkeypatch.setattr(services.secrets, "token_urlsafe", lambda n: raw)
    worker = register_worker()
    assert "<svg" in kiosk_client.get("/kiosk/").content.decode()
    assert kiosk_client.get("/kiosk/qr/status/").json() == {"status": "pending"}
    anonymous = Client()
    html = anonymous.get(f"/kiosk/q/{raw}/").content.decode()
    assert 'class="error"' in html and "<form" not in html.split("<main", 1)[1]
    assert anonymous.post(f"/kiosk/q/{raw}/").status_code == 400
    phone = Client()
    phone.cookies["lingong_language"] = language
    phone.force_login(worker.user)
    html = phone.get(f"/kiosk/q/{raw}/").content.decode()
    assert f'<html lang="{language}">' in html
    assert ("功德林零工驿站" if language == "zh-hans" else "ཀུན་བདེ་གླིང་") in html
    assert '<span lang="zh-hans">2</span>' in html
    assert kiosk_client.get("/kiosk/qr/status/").json() == {"status": "pending"}
    assert phone.post(f"/kiosk/q/{raw}/").status_code == 200
    assert phone.post(f"/kiosk/q/{raw}/").status_code == 400  # single use
    assert kiosk_client.get("/kiosk/qr/status/").json() == {"status": "confirmed", "redirect": "/kiosk/home/"}
    assert int(kiosk_client.session["_auth_user_id"]) == worker.user_id
    assert kiosk_client.get("/kiosk/qr/status/").json() == {"status": "expired"}


def test_a_wrong_qr_code_is_refused(client):
    response = client.get("/kiosk/q/not-a-code/")
    assert response.status_code == 400 and b'class="error"' in response.content


def test_personal_code_page_and_scan(kiosk_client, register_worker):
    from django.test import Client

    worker = register_worker()
    phone = Client()
    phone.force_login(worker.user)
    assert b"<svg" in phone.get("/kiosk/my-code/").content
    assert b"<svg" not in Client().get("/kiosk/my-code/").content
    from lingong.kiosk.services import personal_code_issue

    assert kiosk_client.post("/kiosk/scan/", {"value": personal_code_issue(worker=worker)}).url == "/kiosk/home/"


def test_call_staff_creates_one_open_call_and_shows_the_window(kiosk_client, kiosk):
    response = kiosk_client.post("/kiosk/call-staff/")
    call = StaffCallRequest.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/kiosk/call-staff/{call.pk}/")
    assert kiosk_client.post("/kiosk/call-staff/")["Location"] == f"/kiosk/call-staff/{call.pk}/"
    assert StaffCallRequest.objects.filter(station=kiosk.station, status="open").count() == 1


def test_finish_clears_the_session_and_language(kiosk_client, signed_in):
    kiosk_client.cookies["lingong_language"] = "bo"
    response = kiosk_client.post("/kiosk/finish/")
    assert response.url == "/kiosk/"
    assert "_auth_user_id" not in kiosk_client.session
    assert response.cookies["lingong_language"].value == ""
    assert '<html lang="zh-hans">' in kiosk_client.get("/kiosk/").content.decode()


def test_job_audio_is_wav_built_from_the_job(kiosk_client, employer, job_types, staff, settings, tmp_path):
    """Joined from the approved recordings of the card's segments (test_voice has the details)."""
    from lingong.kiosk.voice import job_card_segments, voice_approved_map

    from .voice_helpers import record_all

    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff)
    assert kiosk_client.get(f"/kiosk/audio/job/{job.pk}.wav").status_code == 404  # nothing recorded yet
    record_all(language="zh-hans", segments=job_card_segments(job=job, language="zh-hans", approved={}), actor=staff)
    assert job_card_segments(job=job, language="zh-hans", approved=voice_approved_map(language="zh-hans"))
    response = kiosk_client.get(f"/kiosk/audio/job/{job.pk}.wav")
    assert response.status_code == 200 and response["Content-Type"] == "audio/wav"
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    assert kiosk_client.get("/kiosk/audio/job/999999.wav").status_code == 404


def test_prompt_audio_for_unknown_prompts_is_404(kiosk_client):
    assert kiosk_client.get("/kiosk/audio/prompt/zh-hans/nope.wav").status_code == 404
    assert kiosk_client.get("/kiosk/audio/prompt/xx/start.wav").status_code == 404


def test_staff_sets_up_a_kiosk_and_is_signed_out(client, kiosk, staff):
    client.force_login(staff)
    response = client.post("/kiosk/setup/", {"kiosk": kiosk.pk})
    assert response.url == "/kiosk/"
    assert "_auth_user_id" not in client.session
    assert client.get("/kiosk/").status_code == 200


def test_a_signed_out_person_at_setup_is_sent_to_the_staff_sign_in_and_back(client, kiosk, staff):
    response = client.get("/kiosk/setup/")
    assert (response.status_code, response["Location"]) == (302, "/console/login/?next=/kiosk/setup/")
    signed_in = client.post("/console/login/", {"username": staff.username, "password": "pw", "next": "/kiosk/setup/"})
    assert signed_in["Location"] == "/kiosk/setup/"
    assert client.get("/kiosk/setup/").status_code == 200


# --- registration: the phone proven by SMS, the lowest pay, a way back on every step -------


def test_a_wrong_sms_code_keeps_the_person_on_the_code_step(
    kiosk_client, signed, id_numbers, job_types, django_capture_on_commit_callbacks
):
    post_card(kiosk_client, signed(id_numbers[20]))
    with django_capture_on_commit_callbacks(execute=True):
        kiosk_client.post("/kiosk/register/phone/", {"phone": "13712345678"})
    code = sms_code_of("137****5678")
    page = kiosk_client.get("/kiosk/register/code/").content.decode()
    assert "137****5678" in page and 'href="/kiosk/register/phone/"' in page
    response = kiosk_client.post("/kiosk/register/code/", {"code": "000000" if code != "000000" else "111111"})
    assert response.status_code == 400 and b'class="k-error"' in response.content
    assert "phone_proof" not in kiosk_client.session["kiosk_reg"]
    # the later steps send an unproven phone back to the phone step
    for url in ("/kiosk/register/trades/", "/kiosk/register/consent/"):
        assert kiosk_client.get(url).url == "/kiosk/register/phone/"
    kiosk_client.post("/kiosk/register/trades/", {"action": f"toggle:{job_types['mover'].pk}"})
    assert kiosk_client.session["kiosk_reg"]["trades"] == []
    assert kiosk_client.post("/kiosk/register/code/", {"code": code}).url == "/kiosk/register/trades/"


def test_a_code_cannot_prove_another_phone(kiosk_client, signed, id_numbers, django_capture_on_commit_callbacks):
    post_card(kiosk_client, signed(id_numbers[20]))
    with django_capture_on_commit_callbacks(execute=True):
        kiosk_client.post("/kiosk/register/phone/", {"phone": "13712345678"})
    code = sms_code_of("137****5678")
    session = kiosk_client.session
    session["kiosk_reg"] = {**session["kiosk_reg"], "phone": "13611112222"}  # a number changed behind the code
    session.save()
    assert kiosk_client.post("/kiosk/register/code/", {"code": code}).status_code == 400
    assert "phone_proof" not in kiosk_client.session["kiosk_reg"]


@pytest.mark.parametrize(("choice", "fen"), [("150", 15000), ("300", 30000), ("any", 0)])
def test_the_lowest_day_pay_is_kept_on_the_worker(kiosk_client, signed, id_numbers, job_types, choice, fen):
    assert (
        register_through_screens(kiosk_client, signed, id_numbers[20], job_types, min_day_pay=choice).url
        == "/kiosk/home/"
    )
    assert Worker.objects.get().min_day_pay_fen == fen


def test_a_pay_that_is_not_offered_is_refused(kiosk_client, signed, id_numbers, job_types):
    post_card(kiosk_client, signed(id_numbers[20]))
    phone_through_screens(kiosk_client)
    kiosk_client.post("/kiosk/register/trades/", {"action": f"toggle:{job_types['mover'].pk}"})
    kiosk_client.post("/kiosk/register/times/", {"availability": "days"})
    response = kiosk_client.post("/kiosk/register/pay/", {"min_day_pay": "1"})
    assert response.status_code == 400 and b'class="k-error"' in response.content
    assert "min_day_pay_fen" not in kiosk_client.session["kiosk_reg"]
    assert kiosk_client.get("/kiosk/register/consent/").url == "/kiosk/register/trades/"


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_every_registration_step_has_a_way_back(kiosk_client, signed, id_numbers, job_types, language):
    from django.utils import translation

    kiosk_client.cookies["lingong_language"] = language
    post_card(kiosk_client, signed(id_numbers[20]))
    with translation.override(language):
        back = translation.gettext("Back")
    page = kiosk_client.get("/kiosk/register/").content.decode()
    assert 'action="/kiosk/finish/"' in page and f'<html lang="{language}">' in page
    assert (
        '<a class="k-big k-back" href="/kiosk/register/">'
        in kiosk_client.get("/kiosk/register/phone/").content.decode()
    )
    phone_through_screens(kiosk_client)
    kiosk_client.post("/kiosk/register/trades/", {"action": f"toggle:{job_types['mover'].pk}"})
    kiosk_client.post("/kiosk/register/trades/", {"action": "done"})
    kiosk_client.post("/kiosk/register/times/", {"availability": "days"})
    kiosk_client.post("/kiosk/register/pay/", {"min_day_pay": "200"})
    for url, back_to in (
        ("/kiosk/register/trades/", "/kiosk/register/phone/"),
        ("/kiosk/register/times/", "/kiosk/register/trades/"),
        ("/kiosk/register/pay/", "/kiosk/register/times/"),
        ("/kiosk/register/consent/", "/kiosk/register/pay/"),
    ):
        page = kiosk_client.get(url).content.decode()
        assert f'<a class="k-big k-back" href="{back_to}">' in page and back in page, url
    # going back keeps what was chosen
    assert (
        'value="days" class="k-tile" aria-pressed="true"' in kiosk_client.get("/kiosk/register/times/").content.decode()
    )
    assert 'value="200" class="k-pay" aria-pressed="true"' in kiosk_client.get("/kiosk/register/pay/").content.decode()


def test_every_trade_is_on_the_one_trade_screen(kiosk_client, signed, id_numbers, job_types):
    post_card(kiosk_client, signed(id_numbers[20]))
    phone_through_screens(kiosk_client)
    page = kiosk_client.get("/kiosk/register/trades/").content.decode()
    shown = re.findall(r'name="action" value="toggle:(\d+)"', page)
    assert sorted(int(pk) for pk in shown) == sorted(t.pk for t in job_types.values() if t.is_active)
    assert 'value="more"' not in page


def test_a_worker_at_a_kiosk_is_signed_out_on_the_server_after_two_idle_minutes(kiosk_client, signed_in):
    import time_machine
    from django.utils import timezone

    assert kiosk_client.get("/kiosk/home/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(seconds=121)):
        assert kiosk_client.get("/kiosk/home/").status_code == 302
        assert "_auth_user_id" not in kiosk_client.session
    assert kiosk_client.cookies.get("lingong_kiosk")  # the kiosk itself stays set up
