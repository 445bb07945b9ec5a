"""The kiosk's voice: every segment it may say, the staff's recordings of them, and what is missing.

Selectors and services of the recording studio (`console/views/voice.py`) and
of the kiosk's audio (`kiosk/views/assistance.py`). No synthesis: a segment
without an approved recording is silent, and the screens say so.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lingong.accounts.selectors import role_require
from lingong.core.errors import Conflict, InvalidInput, NotFound
from lingong.core.geo import km_between
from lingong.core.services import event_record
from lingong.core.snapshot import Snapshot
from lingong.stations.models import Station
from lingong.trades.models import JobType

from . import speech
from .models import VoiceRecording
from .prompts import PROMPTS
from .wav import WavRefused, tone, wav_bytes, wav_join, wav_read

LANGUAGES = speech.LANGUAGES
NOTICE_PROMPT = "register_consent"

GROUPS = {
    "notice": gettext_lazy("Personal-information notice"),
    "prompt": gettext_lazy("Screen prompts"),
    "trade": gettext_lazy("Trades"),
    "station": gettext_lazy("Places"),
    "num": gettext_lazy("Numbers"),
    "money": gettext_lazy("Money"),
    "unit": gettext_lazy("Pay units"),
    "date": gettext_lazy("Dates"),
    "weekday": gettext_lazy("Dates"),
    "time": gettext_lazy("Times"),
    "distance": gettext_lazy("Distance"),
    "link": gettext_lazy("Linking phrases"),
}


class VoiceState:
    MISSING = "missing"
    AWAITING = "awaiting"
    APPROVED = "approved"


@dataclass
class Segment:
    id: str
    group: str  # a key of GROUPS
    text: str  # what the person recording says, in the segment's language

    @property
    def group_label(self) -> str:
        return str(GROUPS[self.group])


@dataclass
class SegmentRow:
    segment: Segment
    approved: VoiceRecording | None
    pending: VoiceRecording | None

    @property
    def state(self) -> str:
        if self.pending is not None:
            return VoiceState.AWAITING
        return VoiceState.APPROVED if self.approved is not None else VoiceState.MISSING


def voice_dir() -> Path:
    """The takes: under MEDIA_ROOT (in VAR_DIR), so that `manage.py backup` keeps them with the uploads."""
    return Path(settings.MEDIA_ROOT) / "kiosk-voice"


def cards_dir() -> Path:
    """Joined job cards: a cache, made again on demand, not backed up."""
    return Path(settings.VAR_DIR) / "kiosk" / "voice-cards"


def _language_check(language: str) -> str:
    if language not in LANGUAGES:
        raise NotFound()
    return language


def voice_catalogue(*, language: str) -> list[Segment]:
    """Every segment the kiosk may say in `language`: prompts (the notice first), trades, places, the words."""
    _language_check(language)
    bo = language == "bo"
    with translation.override(language):
        prompts = [
            Segment(f"prompt-{pid}", "notice" if pid == NOTICE_PROMPT else "prompt", str(text))
            for pid, text in PROMPTS.items()
        ]
    prompts.sort(key=lambda s: s.group != "notice")
    trades = [
        Segment(f"trade-{t.slug}", "trade", (t.name_bo if bo and t.name_bo else t.name_zh))
        for t in JobType.objects.filter(is_active=True).order_by("sort_order", "pk")
    ]
    places = [
        Segment(f"station-{s.code}", "station", (s.name_bo if bo and s.name_bo else s.name_zh))
        for s in Station.objects.filter(is_active=True).order_by("pk")
    ]
    words = [Segment(sid, sid.split("-")[0], text) for sid, text in speech.SCRIPT[language].items()]
    return prompts + trades + places + words


def _segment(language: str, segment_id: str) -> Segment:
    for segment in voice_catalogue(language=language):
        if segment.id == segment_id:
            return segment
    raise NotFound(_("There is no such thing to record."))


def _approved_qs(language: str):
    return VoiceRecording.objects.filter(language=language, approved_at__isnull=False)


def voice_approved_map(*, language: str) -> dict[str, VoiceRecording]:
    """The take the kiosk plays, per segment: the one approved last (read now: the studio's view)."""
    approved: dict[str, VoiceRecording] = {}
    for rec in _approved_qs(language).order_by("approved_at", "version"):
        approved[rec.segment] = rec
    return approved


# What the kiosks play, kept in each process for a minute (every kiosk page asks it; lingong/core/snapshot.py):
# an approval shows at once in the process that saved it and within a minute on every kiosk.
_playing = {
    language: Snapshot(lambda language=language: voice_approved_map(language=language), models=[VoiceRecording])
    for language in LANGUAGES
}


def voice_playing_map(*, language: str) -> dict[str, VoiceRecording]:
    """`voice_approved_map` as the kiosks play it; empty for a language the kiosk does not speak."""
    snapshot = _playing.get(language)
    return snapshot() if snapshot is not None else {}


def voice_rows(*, language: str) -> list[SegmentRow]:
    """The studio's list: each segment, its approved take and a newer take waiting for approval."""
    approved = voice_approved_map(language=language)
    latest: dict[str, VoiceRecording] = {}
    for rec in VoiceRecording.objects.filter(language=language).select_related("recorded_by").order_by("version"):
        latest[rec.segment] = rec
    rows = []
    for segment in voice_catalogue(language=language):
        current = approved.get(segment.id)
        newest = latest.get(segment.id)
        pending = (
            newest
            if newest is not None
            and newest.approved_at is None
            and (current is None or newest.version > current.version)
            else None
        )
        rows.append(SegmentRow(segment, current, pending))
    return rows


def voice_segment_detail(*, language: str, segment_id: str) -> tuple[Segment, SegmentRow, list[VoiceRecording]]:
    segment = _segment(language, segment_id)
    row = next(r for r in voice_rows(language=language) if r.segment.id == segment_id)
    takes = list(
        VoiceRecording.objects.filter(language=language, segment=segment_id)
        .select_related("recorded_by", "approved_by")
        .order_by("-version")
    )
    return segment, row, takes


def voice_missing(*, language: str) -> list[Segment]:
    """What the kiosk cannot say in `language` yet (no approved take)."""
    approved = voice_approved_map(language=language)
    return [s for s in voice_catalogue(language=language) if s.id not in approved]


def voice_file(recording: VoiceRecording) -> Path:
    return voice_dir() / recording.file_name


def voice_prompt_recording(*, prompt_id: str, language: str) -> VoiceRecording | None:
    """The approved take of a prompt, as the kiosks play it (every kiosk page asks it for its 🔊)."""
    if prompt_id not in PROMPTS:
        return None
    return voice_playing_map(language=language).get(f"prompt-{prompt_id}")


def voice_recording_get(*, recording_id: int) -> VoiceRecording:
    recording = VoiceRecording.objects.filter(pk=recording_id).first()
    if recording is None:
        raise NotFound()
    return recording


def voice_notice_heard(*, served: dict | None, now: float) -> bool:
    """The notice served in this session can have played to its end: it is still an approved take and
    at least its length (less a little for the browser's clock) has passed since it was served."""
    if not served or not isinstance(served.get("recording"), int):
        return False
    recording = _approved_qs_all().filter(pk=served["recording"], segment=f"prompt-{NOTICE_PROMPT}").first()
    if recording is None:
        return False
    return now - float(served.get("served_at", now)) >= recording.duration_ms / 1000 * 0.9 - 0.2


def _approved_qs_all():
    return VoiceRecording.objects.filter(approved_at__isnull=False)


WAV_MESSAGES = {
    "too_big": gettext_lazy("The recording is too large. Keep it under two minutes."),
    "not_wav": gettext_lazy("This is not a WAV recording. Record it again with the record button."),
    "not_16_bit": gettext_lazy("The recording must be 16-bit PCM. Record it again with the record button."),
    "not_mono": gettext_lazy("The recording must be mono (one channel). Record it again with the record button."),
    "rate": gettext_lazy("The recording's sample rate is not one we accept. Record it again with the record button."),
    "too_short": gettext_lazy("The recording is too short. Press record, speak, then press stop."),
    "too_long": gettext_lazy("The recording is too long. Keep it under two minutes."),
}


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".wav", dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


@transaction.atomic
def voice_recording_save(
    *, actor, language: str, segment_id: str, data: bytes, stand_in: bool = False
) -> VoiceRecording:
    """A new take: checked (a real PCM WAV, mono, length), stored under VAR_DIR, waiting for approval."""
    if actor is not None:
        role_require(actor, "voice.record")
    _language_check(language)
    _segment(language, segment_id)
    try:
        pcm = wav_read(data)
    except WavRefused as refused:
        raise InvalidInput(str(WAV_MESSAGES[refused.code]), code=f"wav_{refused.code}", field="audio") from None
    last = (
        VoiceRecording.objects.select_for_update()
        .filter(language=language, segment=segment_id)
        .aggregate(last=Max("version"))["last"]
        or 0
    )
    version = last + 1
    file_name = f"{language}/{segment_id}/v{version}.wav"
    recording = VoiceRecording(
        language=language,
        segment=segment_id,
        version=version,
        file_name=file_name,
        duration_ms=pcm.duration_ms,
        stand_in=stand_in,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    try:
        recording.full_clean()
        with transaction.atomic():
            recording.save()
    except (ValidationError, IntegrityError):
        # another take of this segment was saved at the same moment and took the version number
        raise Conflict(_("Someone else just recorded this line. Open it again and listen first.")) from None
    _write_atomic(voice_dir() / file_name, wav_bytes(pcm.frames))
    event_record(
        subject=recording,
        verb="voice_record",
        actor=actor,
        data={"language": language, "segment": segment_id, "version": version, "stand_in": stand_in},
    )
    return recording


@transaction.atomic
def voice_recording_approve(*, actor, recording: VoiceRecording) -> VoiceRecording:
    """The kiosk plays this take from now on; the takes before it are kept.

    An older take approved again is played again (a way back from a take that turned out wrong).
    """
    if actor is not None:
        role_require(actor, "voice.approve")
    recording = VoiceRecording.objects.select_for_update().get(pk=recording.pk)
    playing = voice_approved_map(language=recording.language).get(recording.segment)
    if playing is not None and playing.pk == recording.pk:
        raise Conflict(_("This recording is already approved."))
    again = recording.approved_at is not None
    recording.approved_by = actor
    recording.approved_at = timezone.now()
    recording.full_clean()
    recording.save(update_fields=["approved_by", "approved_at"])
    event_record(
        subject=recording,
        verb="voice_approve",
        actor=actor,
        data={
            "language": recording.language,
            "segment": recording.segment,
            "version": recording.version,
            "again": again,
        },
    )
    return recording


# -- a job card, spoken -------------------------------------------------------------------------


def job_card_facts(*, job, language: str, approved: dict[str, VoiceRecording], worker_point=None):
    place = job.station.code if job.station_id and f"station-{job.station.code}" in approved else None
    km = None
    if worker_point is not None and job.lat is not None and job.lon is not None:
        km = km_between(worker_point[0], worker_point[1], float(job.lat), float(job.lon))
    return speech.JobCardFacts(
        trade=job.job_type.slug,
        pay_fen=job.pay_fen,
        pay_unit=job.pay_unit,
        start_date=job.start_date,
        start_time=job.start_time,
        end_time=job.end_time,
        place=place,
        distance_km=km,
    )


def job_card_segments(*, job, language: str, approved: dict[str, VoiceRecording], worker_point=None) -> list[str]:
    return speech.job_card(
        job_card_facts(job=job, language=language, approved=approved, worker_point=worker_point), language
    )


def jobs_with_audio(*, jobs, language: str, worker_point=None) -> set[int]:
    """The jobs whose whole card can be spoken: every segment has an approved take (a place without
    one is left out, not missing)."""
    approved = voice_playing_map(language=language)
    return {job.pk for job in jobs if _card_ready(job, language, approved, worker_point)}


def _card_ready(job, language: str, approved: dict[str, VoiceRecording], worker_point) -> bool:
    if language not in LANGUAGES:
        return False
    try:
        segments = job_card_segments(job=job, language=language, approved=approved, worker_point=worker_point)
    except ValueError:
        return False
    return all(s in approved for s in segments)


def job_card_audio(*, job, language: str, worker_point=None) -> Path | None:
    """The card's WAV, joined from the approved takes and cached by their ids; None if one is missing."""
    _language_check(language)
    approved = voice_playing_map(language=language)
    try:
        segments = job_card_segments(job=job, language=language, approved=approved, worker_point=worker_point)
    except ValueError:
        return None
    if any(s not in approved for s in segments):
        return None
    takes = [approved[s] for s in segments]
    key = hashlib.sha256(f"{language}:{','.join(str(t.pk) for t in takes)}".encode()).hexdigest()
    target = cards_dir() / f"{key}.wav"
    if not target.exists():
        _write_atomic(target, wav_join([voice_file(t).read_bytes() for t in takes]))
    return target


# -- the demo's stand-ins -------------------------------------------------------------------------

STAND_IN_GROUPS = ("prompt", "num", "money", "unit", "date", "weekday", "time", "distance", "link")


def voice_standins_seed(*, language: str, groups=STAND_IN_GROUPS) -> int:
    """Tones in place of voices for the demo, marked `stand_in` (the studio says "record it again").

    Only segments that have no take at all get one; the notice, trades and places are left missing so
    that the demo's studio shows what staff must still record. Returns how many were made.
    """
    taken = set(VoiceRecording.objects.filter(language=language).values_list("segment", flat=True))
    made = 0
    for index, segment in enumerate(voice_catalogue(language=language)):
        if segment.group not in groups or segment.id in taken:
            continue
        recording = voice_recording_save(
            actor=None,
            language=language,
            segment_id=segment.id,
            data=tone(0.35, frequency=330 + 10 * (index % 40)),
            stand_in=True,
        )
        voice_recording_approve(actor=None, recording=recording)
        made += 1
    return made
