"""Spoken prompts and job read-outs: espeak-ng offline, cached under var/, Tibetan listed as missing."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from lingong.jobs.tests.factories import post_job
from lingong.kiosk import tts
from lingong.kiosk.prompts import PROMPTS


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def missing() -> list[str]:
    out = StringIO()
    call_command("kiosk_prompts_missing", stdout=out, stderr=StringIO())
    return out.getvalue().splitlines()


def test_build_makes_the_mandarin_prompts_and_tibetan_stays_missing(var_dir):
    assert len(missing()) == 2 * len(PROMPTS)
    call_command("kiosk_prompts_build", stdout=StringIO())
    assert missing() == [f"bo\t{prompt_id}" for prompt_id in PROMPTS]
    generated = sorted(p.name for p in (var_dir / "kiosk" / "audio" / "zh-hans").iterdir())
    assert generated == sorted(f"{p}.wav" for p in PROMPTS)
    assert (var_dir / "kiosk" / "audio" / "zh-hans" / "start.wav").read_bytes()[:4] == b"RIFF"


@pytest.mark.django_db
def test_prompt_audio_is_served_when_it_exists(kiosk_client, var_dir):
    assert kiosk_client.get("/kiosk/audio/prompt/zh-hans/start.wav").status_code == 404
    call_command("kiosk_prompts_build", stdout=StringIO())
    response = kiosk_client.get("/kiosk/audio/prompt/zh-hans/start.wav")
    assert response.status_code == 200 and response["Content-Type"] == "audio/wav"
    assert kiosk_client.get("/kiosk/audio/prompt/bo/start.wav").status_code == 404


@pytest.mark.django_db
def test_job_text_is_built_from_the_job(employer, job_types, staff, today):
    start = today + timedelta(days=8)
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, pay_fen=35050, start=start)
    assert tts.job_speech_text(job) == (
        f"{job_types['mover'].name_zh}，每天350.50元，拉萨市城关区江苏路，{start.month}月{start.day}日 09:00到17:00"
    )


def test_synthesis_is_cached_by_text_and_capped(var_dir, monkeypatch):
    calls = []
    real_run = tts.subprocess.run

    def spy(args, **kwargs):
        calls.append(args)
        assert isinstance(args, list) and kwargs["timeout"] == tts.TIMEOUT_SECONDS
        return real_run(args, **kwargs)

    monkeypatch.setattr(tts.subprocess, "run", spy)
    first = tts.synthesise("搬运工" * 200)
    again = tts.synthesise("搬运工" * 200)
    assert first == again and first.parent == var_dir / "kiosk" / "audio" / "tts" and len(calls) == 1
    assert len(calls[0][-1]) == tts.MAX_CHARS and calls[0][:3] == [tts.ESPEAK, "-v", "cmn-latn-pinyin"]


def test_a_missing_espeak_is_reported_not_crashed(var_dir, monkeypatch):
    monkeypatch.setattr(tts, "ESPEAK", "/nonexistent/espeak-ng")
    with pytest.raises(tts.SpeechUnavailable):
        tts.synthesise("你好")
    assert not list((var_dir / "kiosk" / "audio" / "tts").iterdir())
