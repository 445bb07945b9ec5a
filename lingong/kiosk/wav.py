"""PCM WAV in and out, with Python's `wave` module only: no ffmpeg on the server.

Every stored recording is made the same shape (mono, 16-bit, `RATE` Hz) so
that the segments of a job card can be joined frame by frame.
"""

from __future__ import annotations

import io
import math
import wave
from array import array
from dataclasses import dataclass

RATE = 16000
ACCEPTED_RATES = (8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000)
MIN_SECONDS = 0.3
MAX_SECONDS = 120
MAX_BYTES = 8 * 1024 * 1024
GAP_SECONDS = 0.12  # a breath between joined segments


class WavRefused(Exception):
    """The upload is not a recording the kiosk can use; `code` says why (the service words it)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Pcm:
    frames: bytes  # mono, 16-bit little-endian, RATE Hz

    @property
    def duration_ms(self) -> int:
        return len(self.frames) // 2 * 1000 // RATE


def _resample(samples: array, rate: int) -> array:
    if rate == RATE:
        return samples
    count = len(samples) * RATE // rate
    out = array("h", bytes(2 * count))
    step = rate / RATE
    last = len(samples) - 1
    for i in range(count):
        pos = i * step
        j = int(pos)
        frac = pos - j
        a = samples[j]
        b = samples[j + 1] if j < last else a
        out[i] = int(a + (b - a) * frac)
    return out


def wav_read(data: bytes) -> Pcm:
    """Check an upload and bring it to the stored shape; WavRefused with a code when it will not do."""
    if len(data) > MAX_BYTES:
        raise WavRefused("too_big")
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise WavRefused("not_wav")
    try:
        with wave.open(io.BytesIO(data), "rb") as reader:
            channels, width, rate, count = (
                reader.getnchannels(),
                reader.getsampwidth(),
                reader.getframerate(),
                reader.getnframes(),
            )
            if width != 2:
                raise WavRefused("not_16_bit")
            if channels != 1:
                raise WavRefused("not_mono")
            if rate not in ACCEPTED_RATES:
                raise WavRefused("rate")
            raw = reader.readframes(count)
    except (wave.Error, EOFError, ValueError) as error:
        raise WavRefused("not_wav") from error
    samples = array("h")
    samples.frombytes(raw[: len(raw) // 2 * 2])
    seconds = len(samples) / rate
    if seconds < MIN_SECONDS:
        raise WavRefused("too_short")
    if seconds > MAX_SECONDS:
        raise WavRefused("too_long")
    return Pcm(_resample(samples, rate).tobytes())


def wav_bytes(frames: bytes) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(RATE)
        writer.writeframes(frames)
    return buffer.getvalue()


def wav_join(parts: list[bytes]) -> bytes:
    """Stored recordings (as `wav_bytes` wrote them) one after the other, a short gap between."""
    gap = bytes(2 * int(RATE * GAP_SECONDS))
    frames = []
    for part in parts:
        with wave.open(io.BytesIO(part), "rb") as reader:
            frames.append(reader.readframes(reader.getnframes()))
    return wav_bytes(gap.join(frames))


def tone(seconds: float, *, frequency: float = 440.0, rate: int = RATE, volume: float = 0.3) -> bytes:
    """A sine tone as a WAV: the tests' (and the demo's stand-in) recordings."""
    count = int(seconds * rate)
    samples = array("h", (int(volume * 32767 * math.sin(2 * math.pi * frequency * i / rate)) for i in range(count)))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(samples.tobytes())
    return buffer.getvalue()
