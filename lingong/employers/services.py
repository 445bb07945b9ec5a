"""Employer sign-up, verification by staff, and reveals of their personal data."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from lingong.accounts.models import Role
from lingong.accounts.selectors import role_require
from lingong.core.crypto import unseal
from lingong.core.errors import Conflict, InvalidInput
from lingong.core.idnumber import validate_resident_id
from lingong.core.models import Channel
from lingong.core.personal import personal_digest, personal_protect, personal_reveal
from lingong.core.phone import validate_mobile_phone
from lingong.core.services import event_record
from lingong.core.uscc import validate_uscc
from lingong.core.validation import ValidationProblem
from lingong.notifications.codes import sms_code_send, sms_code_verify
from lingong.notifications.services import notification_language, notification_send

from .models import Employer
from .selectors import employer_find_by_phone


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
    language: str = "",
) -> Employer:
    """An individual is identified by their ID number, an enterprise by its USCC.

    At a window, staff register the employer for them and must be allowed to.
    `language` is the one the registration page was in (request.LANGUAGE_CODE;
    the active language when not given): their messages are written in it.
    """
    if channel == Channel.WINDOW:
        role_require(actor, "employer.change", station_id=getattr(station, "pk", None))
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
    employer = Employer(
        kind=kind,
        name=name,
        contact_name=contact_name,
        address=address,
        lat=lat,
        lon=lon,
        station=station,
        channel=channel,
        user=user,
        is_partner=is_partner,
        language=notification_language(language or translation.get_language()),
    )
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
    event_record(
        subject=employer,
        verb="employer_register",
        actor=actor,
        to_state=employer.verification,
        station=station,
        channel=channel,
    )
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
    event_record(
        subject=employer,
        verb="employer_verify",
        actor=actor,
        from_state=before,
        to_state=to,
        station=getattr(actor, "station", None),
        channel="window",
        data={"note": (note or "")[:200]},
    )
    return employer


def employer_reveal(*, employer: Employer, field: str, actor, reason: str) -> str:
    role_require(actor, "employer.reveal", station_id=employer.station_id)
    kinds = {
        "id_number": ("id_number", employer.id_number_sealed),
        "contact_phone": ("phone", employer.contact_phone_sealed),
    }
    if field not in kinds or not kinds[field][1]:
        raise InvalidInput(_("Unknown field."), code="invalid_field")
    kind, sealed = kinds[field]
    return personal_reveal(
        actor=actor,
        subject=employer,
        field=field,
        sealed=sealed,
        kind=kind,
        reason=reason,
        station=getattr(actor, "station", None),
    )


@transaction.atomic
def employer_account_ensure(*, employer: Employer) -> Employer:
    """Give an employer registered at a window a sign-in account, once.

    Called after the contact phone was proven by an SMS code; an employer who
    already has an account keeps it.
    """

    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    if employer.user_id is not None:
        return employer
    user = get_user_model().objects.create_user(username=f"employer-{uuid.uuid4().hex[:12]}", role=Role.EMPLOYER)
    user.set_unusable_password()
    user.first_name = employer.contact_name[:150]
    user.save()
    Employer.objects.filter(pk=employer.pk).update(user=user, updated_at=timezone.now())
    employer.user = user
    event_record(subject=employer, verb="employer_account_create", actor=user, channel="app")
    return employer


# --- the employer door on the web: sign-up and sign-in by SMS code ------------------

SIGN_UP_PURPOSE = "employer_sign_up"
SIGN_IN_PURPOSE = "employer_sign_in"


class _TrialRun(Exception):
    """Raised inside a savepoint to check every rule of a write and keep nothing."""


def _contact_phone(phone: str) -> str:
    try:
        return validate_mobile_phone(phone)
    except ValidationProblem as problem:
        raise InvalidInput(problem.message, code=problem.code, field="contact_phone") from None


def _has_account(phone: str) -> bool:
    return Employer.objects.filter(
        contact_phone_digest=personal_digest(phone, kind="phone"), user__isnull=False
    ).exists()


def employer_sign_up_code_send(*, contact_phone: str) -> None:

    phone = _contact_phone(contact_phone)
    if _has_account(phone):
        raise Conflict(
            _("This phone number already has an employer account. Please sign in."),
            code="phone_taken",
            field="contact_phone",
        )
    sms_code_send(phone=phone, purpose=SIGN_UP_PURPOSE)


@transaction.atomic
def _employer_sign_up(*, username: str, **fields) -> Employer:

    phone = _contact_phone(fields.get("contact_phone", ""))
    if _has_account(phone):
        raise Conflict(
            _("This phone number already has an employer account. Please sign in."),
            code="phone_taken",
            field="contact_phone",
        )
    user = get_user_model()(username=username, role=Role.EMPLOYER, first_name=(fields.get("contact_name") or "")[:150])
    user.set_unusable_password()
    user.save()
    return employer_register(channel="web", actor=user, user=user, **fields)


def employer_sign_up(*, sms_code: str, **fields) -> Employer:
    """An employer opens an account themselves: a sign-in user and the employer, together.

    The contact phone is proven by an SMS code. Every rule is checked first in
    a rolled-back trial, so a typing error does not use up the code; the code
    is checked outside any transaction (a miss must count).
    `fields` are those of `employer_register` (kind, name, contact_name,
    contact_phone, address, id_number or uscc, lat, lon, station).
    """

    username = f"employer-{uuid.uuid4().hex[:12]}"
    try:
        with transaction.atomic():
            _employer_sign_up(username=username, **fields)
            raise _TrialRun
    except _TrialRun:
        pass
    sms_code_verify(phone=fields["contact_phone"], purpose=SIGN_UP_PURPOSE, code=sms_code)
    return _employer_sign_up(username=username, **fields)


def employer_sign_in_code_send(*, phone: str) -> None:

    phone = _contact_phone(phone)
    employer = employer_find_by_phone(phone=phone)
    if employer is None:
        raise Conflict(
            _("No employer account has this phone number. Please sign up first."), code="not_registered", field="phone"
        )
    sms_code_send(phone=phone, purpose=SIGN_IN_PURPOSE, language=employer.language)


def employer_sign_in(*, phone: str, code: str) -> Employer:
    """The employer whose contact phone received this code; the caller signs the user in."""

    phone = _contact_phone(phone)
    employer = employer_find_by_phone(phone=phone)
    if employer is None:
        raise Conflict(
            _("No employer account has this phone number. Please sign up first."), code="not_registered", field="phone"
        )
    sms_code_verify(phone=phone, purpose=SIGN_IN_PURPOSE, code=code)
    return employer


# --- messages to the employer ----------------------------------------------------------


@transaction.atomic
def employer_language_set(*, employer: Employer, language: str, actor, channel: str) -> Employer:
    """The language the employer's messages are written in: the employer themselves, or staff of their station."""

    if not (getattr(actor, "is_authenticated", False) and actor.pk == employer.user_id):
        role_require(actor, "employer.change", station_id=employer.station_id)
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise InvalidInput(_("Please choose a language."), code="invalid_language", field="language")
    language = notification_language(language)
    if employer.language != language:
        before = employer.language
        Employer.objects.filter(pk=employer.pk).update(language=language, updated_at=timezone.now())
        employer.language = language
        event_record(
            subject=employer,
            verb="employer_language_set",
            actor=actor,
            channel=channel,
            data={"from": before, "to": language},
        )
    return employer


def employer_notify(
    *, employer: Employer, kind: str, message, params: dict | None = None, dedupe_key: str, station=None
):
    """A message to the employer's contact phone, in the employer's language."""

    return notification_send(
        kind=kind,
        phone=unseal(employer.contact_phone_sealed, purpose="phone"),
        language=employer.language,
        message=message,
        params=params,
        dedupe_key=dedupe_key,
        user=employer.user,
        station=station or employer.station,
    )
