"""Personal data at rest: sealed value, keyed look-up digest, masked copy.

One place decides how an ID number or a phone is stored and shown, and one
place reveals it (with a reason, written to the access log).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .crypto import blind_index, seal, unseal
from .errors import InvalidInput
from .masking import mask_id_number, mask_phone
from .services import access_record

_MASKERS = {"id_number": mask_id_number, "phone": mask_phone}
MIN_REASON_LENGTH = 4


def personal_protect(value: str, *, kind: str) -> tuple[str, str, str]:
    """(sealed, digest, masked) for a normalised ID number or phone."""
    return seal(value, purpose=kind), personal_digest(value, kind=kind), _MASKERS[kind](value)


def personal_digest(value: str, *, kind: str) -> str:
    return blind_index(value, purpose=kind)


def personal_reveal(*, actor, subject, field: str, sealed: str, kind: str, reason: str, station=None) -> str:
    """Decrypt for a person who gave a reason; the caller has checked the role."""
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise InvalidInput(_("Please say why you need to see this."), code="reason_required", field="reason")
    access_record(actor=actor, subject=subject, field=field, reason=reason[:200], station=station)
    return unseal(sealed, purpose=kind)
