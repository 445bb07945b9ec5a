"""The kiosk's voice: takes recorded by staff, checked, versioned, approved, and played by the kiosk."""

from __future__ import annotations

import io
import time
import wave

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from lingong.core.errors import InvalidInput, NotAllowed, NotFound
from lingong.core.models import Event
from lingong.jobs.tests.factories import post_job
from lingong.kiosk import speech, wav
from lingong.kiosk.models import VoiceRecording
from lingong.kiosk.prompts import PROMPTS
from lingong.kiosk.voice import (
    VoiceState,
    job_card_segments,
    voice_approved_map,
    voice_catalogue,
    voice_file,
    voice_missing,
    voice_playing_map,
    voice_prompt_recording,
    voice_recording_approve,
    voice_recording_save,
    voice_rows,
)

from .test_views import register_through_screens
from .voice_helpers import record_all, take

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


def wav_of(*, channels=1, width=2, rate=16000, seconds=0.5) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(channels)
        writer.setsampwidth(width)
        writer.setframerate(rate)
        writer.writeframes(bytes(int(rate * seconds) * channels * width))
    return buffer.getvalue()


def test_the_catalogue_holds_every_prompt_the_notice_first_every_trade_and_station(job_types, stations):
    for language in ("bo", "zh-hans"):
        ids = [s.id for s in voice_catalogue(language=language)]
        assert ids[0] == "prompt-register_consent"
        assert {f"prompt-{p}" for p in PROMPTS} <= set(ids)
        assert {f"trade-{slug}" for slug in job_types} <= set(ids)
        assert {f"station-{code}" for code in stations} <= set(ids)
        assert set(speech.SCRIPT[language]) <= set(ids)
        assert len(ids) == len(set(ids))
    bo = {s.id: s.text for s in voice_catalogue(language="bo")}
    assert bo["num-41"] == "ཞེ་གཅིག" if "num-41" in bo else bo["num-tens-4"] == "ཞེ"
    assert bo["trade-mover"] == job_types["mover"].name_bo


def test_kiosks_play_from_the_process_and_an_approval_here_is_played_at_once(staff, admin_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = take(language="bo", segment="prompt-home", actor=staff)
    assert voice_prompt_recording(prompt_id="home", language="bo") == first
    with CaptureQueriesContext(connection) as captured:  # every kiosk page asks: no query once the process holds it
        assert voice_prompt_recording(prompt_id="home", language="bo") == first
        assert voice_playing_map(language="bo")["prompt-home"] == first
    assert len(captured) == 0
    second = take(language="bo", segment="prompt-home", actor=staff, approve=False, frequency=660)
    assert voice_prompt_recording(prompt_id="home", language="bo") == first  # waiting for approval
    voice_recording_approve(actor=admin_user, recording=second)
    assert voice_prompt_recording(prompt_id="home", language="bo") == second
    assert voice_playing_map(language="en") == {} and voice_prompt_recording(prompt_id="home", language="en") is None


def test_a_take_waits_for_approval_and_the_approved_one_stays_until_then(staff, admin_user, var_dir):
    segment = "prompt-home"
    assert voice_rows(language="bo")[1].state == VoiceState.MISSING
    first = take(language="bo", segment=segment, actor=staff)
    assert (first.version, first.approved_by, first.recorded_by) == (1, staff, staff)
    second = take(language="bo", segment=segment, actor=staff, approve=False, frequency=660)
    row = next(r for r in voice_rows(language="bo") if r.segment.id == segment)
    assert (row.state, row.approved, row.pending) == (VoiceState.AWAITING, first, second)
    assert voice_approved_map(language="bo")[segment] == first  # the kiosk still plays the first
    assert voice_file(first).exists() and voice_file(second).exists()
    from lingong.kiosk.voice import voice_recording_approve

    voice_recording_approve(actor=admin_user, recording=second)
    row = next(r for r in voice_rows(language="bo") if r.segment.id == segment)
    assert (row.state, row.approved, row.pending) == (VoiceState.APPROVED, second, None)
    assert VoiceRecording.objects.filter(segment=segment).count() == 2  # versions kept
    assert voice_file(first).exists()
    assert (var_dir / "media" / "kiosk-voice" / "bo" / segment / "v2.wav").exists()
    assert "prompt-home" not in {s.id for s in voice_missing(language="bo")}
    assert "prompt-home" in {s.id for s in voice_missing(language="zh-hans")}
    # the second take turns out wrong: approving the first again puts it back on the kiosk
    voice_recording_approve(actor=admin_user, recording=first)
    assert voice_approved_map(language="bo")[segment] == first
    steps = list(
        Event.objects.filter(verb__in=["voice_record", "voice_approve"]).order_by("id").values_list("verb", "data")
    )
    assert [(verb, data["version"]) for verb, data in steps] == [
        ("voice_record", 1),
        ("voice_approve", 1),
        ("voice_record", 2),
        ("voice_approve", 2),
        ("voice_approve", 1),
    ]
    assert steps[-1][1]["again"] is True


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"not a wav at all", "wav_not_wav"),
        (b"RIFF\x00\x00\x00\x00WAVEjunk", "wav_not_wav"),
        (wav_of(channels=2), "wav_not_mono"),
        (wav_of(width=1), "wav_not_16_bit"),
        (wav_of(rate=12345), "wav_rate"),
        (wav_of(seconds=0.1), "wav_too_short"),
        (wav_of(rate=8000, seconds=wav.MAX_SECONDS + 1), "wav_too_long"),
        (b"RIFF" + bytes(wav.MAX_BYTES), "wav_too_big"),
    ],
)
def test_a_bad_upload_is_refused_and_nothing_is_stored(staff, var_dir, data, code):
    with pytest.raises(InvalidInput) as refused:
        voice_recording_save(actor=staff, language="bo", segment_id="prompt-home", data=data)
    assert refused.value.code == code
    assert not VoiceRecording.objects.exists()
    assert not (var_dir / "media" / "kiosk-voice").exists()


def test_an_accepted_rate_is_stored_as_16_khz_mono(staff):
    recording = voice_recording_save(
        actor=staff, language="zh-hans", segment_id="num-7", data=wav.tone(1.0, rate=44100)
    )
    with wave.open(str(voice_file(recording)), "rb") as stored:
        assert (stored.getnchannels(), stored.getsampwidth(), stored.getframerate()) == (1, 2, 16000)
        assert stored.getnframes() == 16000
    assert recording.duration_ms == 1000


def test_unknown_segment_language_or_role_is_refused(staff, auditor):
    with pytest.raises(NotFound):
        voice_recording_save(actor=staff, language="bo", segment_id="prompt-nope", data=wav.tone(0.5))
    with pytest.raises(NotFound):
        voice_recording_save(actor=staff, language="en", segment_id="prompt-home", data=wav.tone(0.5))
    with pytest.raises(NotAllowed):
        voice_recording_save(actor=auditor, language="bo", segment_id="prompt-home", data=wav.tone(0.5))
    assert not VoiceRecording.objects.exists()


# -- the studio ----------------------------------------------------------------------------------


def test_the_studio_lists_states_and_records_through_an_upload(client, staff):
    client.force_login(staff)
    page = client.get("/console/voice/?language=bo&state=missing").content.decode()
    assert 'data-segment="prompt-register_consent"' in page and 'data-state="missing"' in page
    upload = SimpleUploadedFile("take.wav", wav.tone(0.6), content_type="audio/wav")
    response = client.post("/console/voice/bo/prompt-home/", {"audio": upload})
    assert response.status_code == 302
    recording = VoiceRecording.objects.get()
    assert (recording.language, recording.segment, recording.approved_at) == ("bo", "prompt-home", None)
    page = client.get("/console/voice/?language=bo&state=awaiting").content.decode()
    assert 'data-segment="prompt-home" data-state="awaiting"' in page
    assert client.get(f"/console/voice/recordings/{recording.pk}.wav")["Content-Type"] == "audio/wav"
    assert client.post(f"/console/voice/recordings/{recording.pk}/approve/").status_code == 302
    recording.refresh_from_db()
    assert (recording.approved_by, recording.approved_at is not None) == (staff, True)
    # approving twice says so and changes nothing
    approved_at = recording.approved_at
    client.post(f"/console/voice/recordings/{recording.pk}/approve/")
    recording.refresh_from_db()
    assert recording.approved_at == approved_at


@pytest.mark.parametrize("language", ["bo", "zh-hans"])
def test_the_studio_refuses_a_bad_file_with_a_translated_message(client, staff, language):
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    upload = SimpleUploadedFile("take.wav", b"hello", content_type="audio/wav")
    response = client.post("/console/voice/bo/prompt-home/", {"audio": upload}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    from django.utils import translation

    with translation.override(language):
        expected = translation.gettext("This is not a WAV recording. Record it again with the record button.")
    assert response.json()["message"] == expected
    assert expected != "This is not a WAV recording. Record it again with the record button."
    assert client.post("/console/voice/bo/prompt-home/", {}).status_code == 400
    assert client.post("/console/voice/bo/prompt-nope/", {}).status_code == 404
    assert not VoiceRecording.objects.exists()


def test_the_missing_command_lists_every_segment_without_an_approved_take(staff, capsys):
    take(language="bo", segment="prompt-start", actor=staff)
    take(language="bo", segment="prompt-home", actor=staff, approve=False)
    call_command("kiosk_prompts_missing")
    lines = capsys.readouterr().out.splitlines()
    assert "bo\tprompt-start" not in lines and "bo\tprompt-home" in lines and "zh-hans\tprompt-start" in lines
    assert len(lines) == len(voice_missing(language="bo")) + len(voice_missing(language="zh-hans"))


# -- the kiosk -----------------------------------------------------------------------------------


def test_a_prompt_plays_the_approved_take_of_the_screen_language(kiosk_client, staff):
    assert kiosk_client.get("/kiosk/audio/prompt/bo/start.wav").status_code == 404
    pending = take(language="bo", segment="prompt-start", actor=staff, approve=False)
    assert kiosk_client.get("/kiosk/audio/prompt/bo/start.wav").status_code == 404  # not approved yet
    from lingong.kiosk.voice import voice_recording_approve

    voice_recording_approve(actor=staff, recording=pending)
    response = kiosk_client.get("/kiosk/audio/prompt/bo/start.wav")
    assert response.status_code == 200 and response["Content-Type"] == "audio/wav"
    assert b"".join(response.streaming_content) == voice_file(pending).read_bytes()
    assert kiosk_client.get("/kiosk/audio/prompt/zh-hans/start.wav").status_code == 404
    assert kiosk_client.get("/kiosk/audio/prompt/en/start.wav").status_code == 404
    assert kiosk_client.get("/kiosk/audio/prompt/bo/nope.wav").status_code == 404


@pytest.mark.parametrize("language", ["bo", "zh-hans"])
def test_the_speaker_says_no_recording_yet_when_there_is_none(kiosk_client, staff, language):
    from django.utils import translation

    kiosk_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with translation.override(language):
        notice = translation.gettext("No recording yet — ask staff")
    page = kiosk_client.get("/kiosk/").content.decode()
    assert notice in page and "data-no-audio" in page and "/kiosk/audio/prompt/" not in page
    take(language=language, segment="prompt-start", actor=staff)
    page = kiosk_client.get("/kiosk/").content.decode()
    assert f'data-audio="/kiosk/audio/prompt/{language}/start.wav"' in page


def test_a_job_card_is_joined_from_its_segments_in_the_page_language(client, employer, job_types, staff, today):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, pay_fen=14000)
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "bo"
    assert client.get(f"/kiosk/audio/job/{job.pk}.wav").status_code == 404  # nothing recorded
    segments = job_card_segments(job=job, language="bo", approved={f"station-{job.station.code}": None})
    assert f"station-{job.station.code}" in segments and segments[0] == "trade-mover"
    without_place = [s for s in segments if s not in ("link-place", f"station-{job.station.code}")]
    record_all(language="bo", segments=without_place, actor=staff)
    response = client.get(f"/kiosk/audio/job/{job.pk}.wav")  # the place has no recording: left out
    assert response.status_code == 200
    with wave.open(io.BytesIO(b"".join(response.streaming_content)), "rb") as joined:
        n = len(without_place)
        expected = n * int(0.3 * 16000) + (n - 1) * int(wav.GAP_SECONDS * 16000)
        assert joined.getnframes() == expected
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert client.get(f"/kiosk/audio/job/{job.pk}.wav").status_code == 404  # nothing recorded in Chinese


def test_the_notice_counts_as_read_aloud_only_when_served_here_and_heard_to_the_end(
    kiosk_client, signed, id_numbers, job_types, staff
):
    from lingong.workers.models import Worker

    take(language="zh-hans", segment="prompt-register_consent", actor=staff, seconds=0.5)
    # a bare flag and a report with nothing served are not believed
    assert kiosk_client.post("/kiosk/register/consent/heard/").status_code == 400
    register_through_screens(kiosk_client, signed, id_numbers[20], job_types)
    assert Worker.objects.get().consents.get().read_aloud is False


def test_the_notice_heard_to_its_end_is_written_in_the_consent(kiosk_client, signed, id_numbers, job_types, staff):
    from lingong.workers.models import Worker

    take(language="zh-hans", segment="prompt-register_consent", actor=staff, seconds=0.5)
    original = kiosk_client.post

    def stop_at_consent(path, data=None, **kwargs):
        if path == "/kiosk/register/consent/":
            audio = kiosk_client.get("/kiosk/register/consent/notice.wav")
            assert audio.status_code == 200
            assert original("/kiosk/register/consent/heard/").status_code == 400  # too soon to have ended
            time.sleep(0.5)
            assert original("/kiosk/register/consent/heard/").json() == {"heard": True}
        return original(path, data, **kwargs)

    kiosk_client.post = stop_at_consent
    response = register_through_screens(kiosk_client, signed, id_numbers[21], job_types)
    assert response.url == "/kiosk/home/"
    assert Worker.objects.get().consents.get().read_aloud is True


def test_the_setup_screen_lists_what_the_kiosks_cannot_say(client, kiosk, staff):
    take(language="bo", segment="prompt-start", actor=staff)
    client.force_login(staff)
    page = client.get("/kiosk/setup/").content.decode()
    assert 'data-missing-language="bo"' in page and 'data-missing-language="zh-hans"' in page
    assert f"{len(voice_missing(language='bo'))} " in page
    assert len(voice_missing(language="zh-hans")) == len(voice_missing(language="bo")) + 1 - (
        len(speech.SCRIPT["bo"]) - len(speech.SCRIPT["zh-hans"])
    )


def test_the_demo_stand_ins_are_marked_and_leave_tibetan_the_notice_trades_and_places_missing(client, staff, settings):
    from django.core.management.base import CommandError

    settings.LINGONG_DEMO = False
    with pytest.raises(CommandError):
        call_command("kiosk_voice_standins")
    assert not VoiceRecording.objects.exists()
    settings.LINGONG_DEMO = True
    call_command("kiosk_voice_standins", stdout=io.StringIO())
    made = VoiceRecording.objects.count()
    assert made and VoiceRecording.objects.filter(stand_in=True, language="zh-hans").count() == made
    missing = {s.id for s in voice_missing(language="zh-hans")}
    assert "prompt-register_consent" in missing and "trade-mover" in missing and "num-7" not in missing
    assert len(voice_missing(language="bo")) == len(voice_catalogue(language="bo"))
    call_command("kiosk_voice_standins", stdout=io.StringIO())
    assert VoiceRecording.objects.count() == made  # a second run adds nothing
    client.force_login(staff)
    from django.utils import translation

    with translation.override("zh-hans"):
        label = translation.gettext("Stand-in tone, not a voice: record it again")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert label in client.get("/console/voice/?language=zh-hans&state=approved").content.decode()
