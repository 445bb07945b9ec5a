"""Offline speech for the kiosk: espeak-ng in a subprocess, cached by text hash under var/.

The text spoken is always built on the server (a job's trade, pay, place
and time, or a fixed prompt), never taken from the client; it is capped in
length and passed as an argument list, never through a shell.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

from lingong.core.money import format_yuan

ESPEAK = os.environ.get("ESPEAK_NG", "/usr/bin/espeak-ng")
MANDARIN_VOICE = "cmn-latn-pinyin"
MAX_CHARS = 200
TIMEOUT_SECONDS = 10
# Spoken units: Mandarin whatever the screen language, since the voice is Mandarin.
PAY_UNITS_ZH = {"hour": "每小时", "day": "每天", "piece": "每件", "month": "每月"}


class SpeechUnavailable(Exception):
    """espeak-ng is missing, failed or took too long."""


def audio_dir() -> Path:
    return Path(settings.VAR_DIR) / "kiosk" / "audio"


def synthesise(text: str, *, voice: str = MANDARIN_VOICE, target: Path | None = None) -> Path:
    """The WAV file for `text`, made once and then served from the cache."""
    text = " ".join(str(text).split())[:MAX_CHARS]
    if target is None:
        digest = hashlib.sha256(f"{voice}\0{text}".encode()).hexdigest()
        target = audio_dir() / "tts" / f"{digest}.wav"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".wav", dir=target.parent)
    os.close(fd)
    try:
        subprocess.run(
            [ESPEAK, "-v", voice, "-s", "140", "-w", tmp, "--", text],
            check=True,
            timeout=TIMEOUT_SECONDS,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.replace(tmp, target)  # atomic: a concurrent reader never sees half a file
    except (OSError, subprocess.SubprocessError) as error:
        raise SpeechUnavailable(str(error)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def prompt_audio_path(prompt_id: str, language: str) -> Path | None:
    """A staff recording (static) first, else the generated file, else None."""
    recorded = finders.find(f"kiosk/audio/{language}/{prompt_id}.wav")
    if recorded:
        return Path(recorded)
    generated = audio_dir() / language / f"{prompt_id}.wav"
    return generated if generated.exists() else None


def job_speech_text(job) -> str:
    """What the kiosk says about a job, in Mandarin (the job's own text is Chinese)."""
    start = job.start_date
    return "，".join(
        [
            job.job_type.name_zh,
            f"{PAY_UNITS_ZH.get(job.pay_unit, '')}{format_yuan(job.pay_fen)}元",
            job.address,
            f"{start.month}月{start.day}日 {job.start_time:%H:%M}到{job.end_time:%H:%M}",
        ]
    )
