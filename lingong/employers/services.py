"""Employer sign-up, verification by staff, and reveals of their personal data."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lingong.accounts.selectors import role_require
from lingong.core.errors import Conflict, InvalidInput
from lingong.core.idnumber import validate_resident_id
from lingong.core.personal import personal_digest, personal_protect, personal_reveal
from lingong.core.phone import validate_mobile_phone
from lingong.core.services import event_record
from lingong.core.uscc import validate_uscc
from lingong.core.validation import ValidationProblem

from .models import Employer


@transaction.atomic
def employer_register(
    *,
    kind: str,
    name: str,
    contact_name: str,
    contact_phone: str,
    address: str,
    channel: str,
    actor,
    id_number: str = "",
    uscc: str = "",
    lat=None,
    lon=None,
    station=None,
    user=None,
    is_partner: bool = False,
) -> Employer:
    """An individual is identified by their ID number, an enterprise by its USCC."""
    if kind not in Employer.Kind.values:
        raise InvalidInput(_("Please choose individual or enterprise."), code="invalid_kind", field="kind")
    name, contact_name, address = (name or "").strip(), (contact_name or "").strip(), (address or "").strip()
    if not name:
        raise InvalidInput(_("Please enter the name."), code="name_required", field="name")
    if not contact_name:
        raise InvalidInput(_("Please enter the contact person."), code="contact_required", field="contact_name")
    if not address:
        raise InvalidInput(_("Please enter the address."), code="address_required", field="address")
    try:
        phone = validate_mobile_phone(contact_phone)
    except ValidationProblem as problem:
        raise InvalidInput(problem.message, code=problem.code, field="contact_phone") from None
    employer = Employer(kind=kind, name=name, contact_name=contact_name, address=address, lat=lat, lon=lon,
                        station=station, channel=channel, user=user, is_partner=is_partner)
    if kind == Employer.Kind.INDIVIDUAL:
        try:
            number = validate_resident_id(id_number).number
        except ValidationProblem as problem:
            raise InvalidInput(problem.message, code=problem.code, field="id_number") from None
        if Employer.objects.filter(id_number_digest=personal_digest(number, kind="id_number")).exists():
            raise Conflict(_("This employer is already registered."), code="already_registered")
        employer.id_number_sealed, employer.id_number_digest, employer.id_number_masked = personal_protect(
            number, kind="id_number"
        )
    else:
        try:
            employer.uscc = validate_uscc(uscc)
        except ValidationProblem as problem:
            raise InvalidInput(problem.message, code=problem.code, field="uscc") from None
        if Employer.objects.filter(uscc=employer.uscc).exists():
            raise Conflict(_("This employer is already registered."), code="already_registered")
    employer.contact_phone_sealed, employer.contact_phone_digest, employer.contact_phone_masked = personal_protect(
        phone, kind="phone"
    )
    try:
        employer.full_clean(exclude=["user"])
        with transaction.atomic():
            employer.save()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise InvalidInput(messages[0], code="invalid_" + field, field=field) from None
    except IntegrityError:
        raise Conflict(_("This employer is already registered."), code="already_registered") from None
    event_record(subject=employer, verb="employer_register", actor=actor, to_state=employer.verification,
                 station=station, channel=channel)
    return employer


@transaction.atomic
def employer_verify(*, employer: Employer, actor, approve: bool, note: str = "") -> Employer:
    """Staff check an employer's papers; a rejected employer cannot post."""
    role_require(actor, "employer.verify", station_id=employer.station_id)
    to = Employer.Verification.VERIFIED if approve else Employer.Verification.REJECTED
    if not approve and not (note or "").strip():
        raise InvalidInput(_("Please give the reason."), code="reason_required", field="note")
    before = employer.verification
    now = timezone.now()
    Employer.objects.filter(pk=employer.pk).update(verification=to, verified_by=actor, verified_at=now, updated_at=now)
    employer.verification, employer.verified_by, employer.verified_at = to, actor, now
    event_record(subject=employer, verb="employer_verify", actor=actor, from_state=before, to_state=to,
                 station=getattr(actor, "station", None), channel="window", data={"note": (note or "")[:200]})
    return employer


def employer_reveal(*, employer: Employer, field: str, actor, reason: str) -> str:
    role_require(actor, "employer.reveal", station_id=employer.station_id)
    kinds = {"id_number": ("id_number", employer.id_number_sealed), "contact_phone": ("phone", employer.contact_phone_sealed)}
    if field not in kinds or not kinds[field][1]:
        raise InvalidInput(_("Unknown field."), code="invalid_field")
    kind, sealed = kinds[field]
    return personal_reveal(actor=actor, subject=employer, field=field, sealed=sealed, kind=kind,
                           reason=reason, station=getattr(actor, "station", None))
