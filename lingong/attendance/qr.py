"""The check-in code posted at a job's place: a signed, unguessable link to the job."""

from __future__ import annotations

from django.core import signing

SALT = "lingong.attendance.checkin"


def checkin_token(job_id: int) -> str:
    return signing.dumps(job_id, salt=SALT, compress=False)


def checkin_job_id(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None
