"""The check-in code shown at the place of work: it changes every minute.

A code is the job id and the minute it was made, signed. It is good for the
minute it was shown and the one after (`checkin_job_id`), so a worker must
scan it where it is shown, live: a photo of it sent home is worthless a
minute later. The employer or station staff show it from their phone
(`/attendance/jobs/<id>/code/`, which refreshes itself).
"""

from __future__ import annotations

from datetime import datetime

from django.core import signing

SALT = "lingong.attendance.checkin.live"
PERIOD_SECONDS = 60
WINDOWS_ACCEPTED = 2  # the minute shown and the next one: time to scan and press the button


def _window(now: datetime) -> int:
    return int(now.timestamp()) // PERIOD_SECONDS


def checkin_token(job_id: int, *, now: datetime) -> str:
    return signing.dumps([job_id, _window(now)], salt=SALT, compress=False)


def checkin_job_id(token: str, *, now: datetime) -> int | None:
    """The job of a code still live at `now`, else None (forged, from another job's code, or too old)."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)):
        return None
    job_id, window = value
    if not 0 <= _window(now) - window < WINDOWS_ACCEPTED:
        return None
    return job_id
