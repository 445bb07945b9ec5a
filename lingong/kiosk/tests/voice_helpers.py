"""Stand-in recordings for tests: generated tones (Python's wave + math), never files from elsewhere."""

from __future__ import annotations

from lingong.kiosk.voice import voice_recording_approve, voice_recording_save
from lingong.kiosk.wav import tone


def take(*, language: str, segment: str, actor, seconds: float = 0.3, approve: bool = True, frequency: float = 440):
    recording = voice_recording_save(
        actor=actor, language=language, segment_id=segment, data=tone(seconds, frequency=frequency)
    )
    return voice_recording_approve(actor=actor, recording=recording) if approve else recording


def record_all(*, language: str, segments, actor, seconds: float = 0.3):
    for segment in dict.fromkeys(segments):
        take(language=language, segment=segment, actor=actor, seconds=seconds)
