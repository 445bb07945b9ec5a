"""Worker registration and profile changes; reveals of their personal data."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from lingong.accounts.models import Role
from lingong.accounts.selectors import role_require
from lingong.accounts.sessions import sign_out_everywhere
from lingong.core.crypto import unseal
from lingong.core.errors import Conflict, InvalidInput
from lingong.core.idnumber import validate_resident_id, worker_age_check
from lingong.core.models import Channel
from lingong.core.personal import personal_digest, personal_protect, personal_reveal
from lingong.core.phone import validate_mobile_phone
from lingong.core.services import event_record
from lingong.core.validation import ValidationProblem
from lingong.notifications.codes import sms_code_send, sms_code_verify
from lingong.notifications.services import notification_language, notification_send
from lingong.trades.models import JobType

from .models import FULL_WEEK_MASK, Consent, Worker, WorkerTrade


@dataclass(frozen=True)
class TradeSkill:
    job_type: JobType
    level: int = 1
    certified: bool = False


def _invalid(problem: ValidationProblem, field: str) -> InvalidInput:
    return InvalidInput(problem.message, code=problem.code, field=field)


def _clean_trades(trades: list[TradeSkill]) -> list[TradeSkill]:
    if not trades:
        raise InvalidInput(_("Please choose at least one kind of work."), code="trades_required", field="trades")
    seen = set()
    for skill in trades:
        if not 1 <= int(skill.level) <= 5:
            raise InvalidInput(_("A skill level is from 1 to 5."), code="invalid_level", field="trades")
        if skill.job_type.pk in seen:
            raise InvalidInput(_("Each kind of work can be chosen once."), code="duplicate_trade", field="trades")
        seen.add(skill.job_type.pk)
    return trades


def worker_name_bo_clean(value) -> str:
    """The optional name in Tibetan script: Tibetan letters and spaces only, at most 100 characters; "" for none.

    The kiosk, the window and the worker's own profile all pass through here, so that a
    Chinese or Latin name never lands in the Tibetan one (greetings pick it on Tibetan pages).
    """
    text = " ".join(str(value or "").split())
    if not text:
        return ""
    if len(text) > 100 or not all(ch == " " or "\u0f00" <= ch <= "\u0fff" for ch in text):
        raise InvalidInput(
            _("Please write the name in Tibetan script only, or leave it empty."),
            code="invalid_name_bo",
            field="name_bo",
        )
    return text


@transaction.atomic
def worker_register(
    *,
    name: str,
    id_number: str,
    phone: str,
    trades: list[TradeSkill],
    channel: str,
    actor,
    consent_notice_version: str,
    station=None,
    name_bo: str = "",
    availability_mask: int = FULL_WEEK_MASK,
    home_area: str = "",
    home_lat=None,
    home_lon=None,
    travel_km: int = 10,
    min_day_pay_fen: int = 0,
    max_intensity: int = 3,
    speaks_zh: bool = True,
    speaks_bo: bool = False,
    read_aloud: bool = False,
    allow_legacy_15: bool = False,
    today: date | None = None,
    language: str = "",
) -> Worker:
    """Register a worker with their consent; birth date and sex come from the ID number.

    Staff registering a walk-in (assisted registration) pass themselves as
    `actor` and read the notice aloud; the consent record keeps both facts.
    15-digit legacy numbers are accepted only from the data-import path.
    `language` is the one the registration page was in (the view passes
    request.LANGUAGE_CODE): the worker's messages are written in it.
    """
    if channel == Channel.WINDOW:
        role_require(actor, "worker.register")
    if allow_legacy_15 and channel != Channel.IMPORT:
        raise InvalidInput(_("Old 15-digit ID numbers are accepted only by data import."), code="legacy_15")
    name = (name or "").strip()
    if not name or len(name) > 50:
        raise InvalidInput(_("Please enter the name as on the ID card."), code="invalid_name", field="name")
    name_bo = worker_name_bo_clean(name_bo)
    try:
        resident = validate_resident_id(id_number, today=today, allow_legacy_15=allow_legacy_15)
        worker_age_check(resident, today=today)
    except ValidationProblem as problem:
        raise _invalid(problem, "id_number") from None
    try:
        phone = validate_mobile_phone(phone)
    except ValidationProblem as problem:
        raise _invalid(problem, "phone") from None
    if consent_notice_version != settings.CONSENT_NOTICE_VERSION:
        raise InvalidInput(
            _("Please read and agree to the personal information notice first."),
            code="consent_required",
            field="consent",
        )
    trades = _clean_trades(trades)
    if not 0 <= int(availability_mask) <= FULL_WEEK_MASK or int(availability_mask) == 0:
        raise InvalidInput(
            _("Please choose when you can work."), code="availability_required", field="availability_mask"
        )
    if not 0 < int(travel_km) <= 100:
        raise InvalidInput(_("The distance must be between 1 and 100 km."), code="invalid_travel_km", field="travel_km")

    id_digest = personal_digest(resident.number, kind="id_number")
    if Worker.objects.filter(id_number_digest=id_digest).exists():
        raise Conflict(_("This ID number is already registered. Please sign in instead."), code="already_registered")
    if Worker.objects.filter(phone_digest=personal_digest(phone, kind="phone")).exists():
        raise Conflict(_("This phone number is already used by another worker."), code="phone_taken", field="phone")

    id_sealed, _digest, id_masked = personal_protect(resident.number, kind="id_number")
    phone_sealed, phone_digest, phone_masked = personal_protect(phone, kind="phone")
    user = get_user_model().objects.create_user(username=f"worker-{uuid.uuid4().hex[:12]}", role=Role.WORKER)
    user.set_unusable_password()
    user.first_name = name[:150]
    user.save()
    worker = Worker(
        user=user,
        name=name,
        name_bo=name_bo,
        id_number_sealed=id_sealed,
        id_number_digest=id_digest,
        id_number_masked=id_masked,
        phone_sealed=phone_sealed,
        phone_digest=phone_digest,
        phone_masked=phone_masked,
        birth_date=resident.birth_date,
        sex=resident.sex,
        speaks_zh=speaks_zh,
        speaks_bo=speaks_bo,
        availability_mask=int(availability_mask),
        home_area=(home_area or "").strip(),
        home_lat=home_lat,
        home_lon=home_lon,
        travel_km=int(travel_km),
        min_day_pay_fen=int(min_day_pay_fen),
        max_intensity=int(max_intensity),
        registered_station=station,
        channel=channel,
        language=notification_language(language or translation.get_language()),
    )
    try:
        worker.full_clean(exclude=["user"])
        with transaction.atomic():
            worker.save()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise InvalidInput(messages[0], code="invalid_" + field, field=field) from None
    except IntegrityError:
        raise Conflict(
            _("This ID number is already registered. Please sign in instead."), code="already_registered"
        ) from None
    WorkerTrade.objects.bulk_create(
        WorkerTrade(worker=worker, job_type=s.job_type, level=int(s.level), certified=bool(s.certified)) for s in trades
    )
    Consent.objects.create(
        worker=worker,
        notice_version=consent_notice_version,
        channel=channel,
        station=station,
        recorded_by=actor if getattr(actor, "is_authenticated", False) and actor.is_back_office else None,
        read_aloud=read_aloud,
    )
    event_record(
        subject=worker,
        verb="worker_register",
        actor=actor,
        to_state="active",
        station=station,
        channel=channel,
        data={"juvenile": worker.is_juvenile_on(today or timezone.localdate())},
    )
    return worker


@transaction.atomic
def worker_trades_set(*, worker: Worker, trades: list[TradeSkill], actor, channel: str) -> Worker:
    _require_self_or_staff(worker=worker, actor=actor)
    trades = _clean_trades(trades)
    worker.trades.all().delete()
    WorkerTrade.objects.bulk_create(
        WorkerTrade(worker=worker, job_type=s.job_type, level=int(s.level), certified=bool(s.certified)) for s in trades
    )
    Worker.objects.filter(pk=worker.pk).update(updated_at=timezone.now())  # matching refreshes by updated_at
    event_record(
        subject=worker,
        verb="worker_trades_set",
        actor=actor,
        channel=channel,
        data={"trades": [s.job_type.slug for s in trades]},
    )
    return worker


@transaction.atomic
def worker_availability_set(*, worker: Worker, availability_mask: int, actor, channel: str) -> Worker:
    _require_self_or_staff(worker=worker, actor=actor)
    if not isinstance(availability_mask, int) or not 0 < availability_mask <= FULL_WEEK_MASK:
        raise InvalidInput(
            _("Please choose when you can work."), code="availability_required", field="availability_mask"
        )
    Worker.objects.filter(pk=worker.pk).update(availability_mask=availability_mask, updated_at=timezone.now())
    worker.availability_mask = availability_mask
    event_record(subject=worker, verb="worker_availability_set", actor=actor, channel=channel)
    return worker


@transaction.atomic
def worker_hide(*, worker: Worker, actor, channel: str) -> Worker:
    """A deletion request: stop processing and hide now; purge after the legal period."""
    _require_self_or_staff(worker=worker, actor=actor)
    now = timezone.now()
    Worker.objects.filter(pk=worker.pk).update(is_active=False, hidden_at=now, updated_at=now)
    worker.is_active, worker.hidden_at = False, now
    event_record(
        subject=worker, verb="worker_hide", actor=actor, from_state="active", to_state="hidden", channel=channel
    )
    return worker


def worker_reveal(*, worker: Worker, field: str, actor, reason: str) -> str:
    """The full ID number or phone, for a role that may see it, with a logged reason."""
    role_require(actor, "worker.reveal", station_id=worker.registered_station_id)
    kinds = {"id_number": worker.id_number_sealed, "phone": worker.phone_sealed}
    if field not in kinds:
        raise InvalidInput(_("Unknown field."), code="invalid_field")
    return personal_reveal(
        actor=actor,
        subject=worker,
        field=field,
        sealed=kinds[field],
        kind=field,
        reason=reason,
        station=getattr(actor, "station", None),
    )


@transaction.atomic
def worker_sign_out_everywhere(*, worker: Worker, actor) -> int:
    """A lost phone, told at the window: end every session and app token of the worker (staff of their station)."""
    _require_self_or_staff(worker=worker, actor=actor)
    if worker.user_id is None:
        return 0
    return sign_out_everywhere(user=worker.user, actor=actor, reason="at the window")


def _require_self_or_staff(*, worker: Worker, actor) -> None:
    if getattr(actor, "is_authenticated", False) and actor.pk == worker.user_id:
        return
    role_require(actor, "worker.change", station_id=worker.registered_station_id)


PROFILE_FIELDS = (
    "name_bo",
    "home_area",
    "home_lat",
    "home_lon",
    "travel_km",
    "min_day_pay_fen",
    "max_intensity",
    "speaks_zh",
    "speaks_bo",
    "language",
)


@transaction.atomic
def worker_profile_update(*, worker: Worker, actor, channel: str, **changes) -> Worker:
    """Change the everyday profile fields; identity and phone have their own paths."""
    _require_self_or_staff(worker=worker, actor=actor)
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise InvalidInput(_("Unknown field."), code="invalid_field", field=sorted(unknown)[0])
    if "travel_km" in changes and not 0 < int(changes["travel_km"]) <= 100:
        raise InvalidInput(_("The distance must be between 1 and 100 km."), code="invalid_travel_km", field="travel_km")
    if "name_bo" in changes:
        changes["name_bo"] = worker_name_bo_clean(changes["name_bo"])
    for name, value in changes.items():
        setattr(worker, name, value)
    try:
        worker.full_clean(exclude=["user"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise InvalidInput(messages[0], code="invalid_" + field, field=field) from None
    worker.save(update_fields=[*changes, "updated_at"])
    event_record(
        subject=worker, verb="worker_profile_update", actor=actor, channel=channel, data={"fields": sorted(changes)}
    )
    return worker


@transaction.atomic
def worker_phone_change(*, worker: Worker, new_phone: str, actor, channel: str, second_factor: str) -> Worker:
    """A sensitive change: the caller has checked a second factor first.

    `second_factor` says which ('sms' code to the new phone, or 'staff'
    confirmation, in which case `actor` must be staff of the worker's station).
    """
    if second_factor == "staff":
        role_require(actor, "worker.change", station_id=worker.registered_station_id)
    elif second_factor == "sms":
        _require_self_or_staff(worker=worker, actor=actor)
    else:
        raise InvalidInput(
            _("A second confirmation is needed to change the phone number."), code="second_factor_required"
        )
    try:
        phone = validate_mobile_phone(new_phone)
    except ValidationProblem as problem:
        raise _invalid(problem, "phone") from None
    digest = personal_digest(phone, kind="phone")
    if Worker.objects.filter(phone_digest=digest).exclude(pk=worker.pk).exists():
        raise Conflict(_("This phone number is already used by another worker."), code="phone_taken", field="phone")
    worker.phone_sealed, worker.phone_digest, worker.phone_masked = personal_protect(phone, kind="phone")
    worker.save(update_fields=["phone_sealed", "phone_digest", "phone_masked", "updated_at"])
    event_record(
        subject=worker, verb="worker_phone_change", actor=actor, channel=channel, data={"second_factor": second_factor}
    )
    return worker


# --- the worker door on the web: sign-in and self-registration by SMS code ------------

SIGN_IN_PURPOSE = "worker_sign_in"
REGISTER_PURPOSE = "worker_register"
PHONE_CHANGE_PURPOSE = "worker_phone_change"


class NotRegistered(Conflict):
    status = 404
    default_code = "not_registered"
    default_message = _(
        "This phone number is not registered yet. Please register on this site, or at a gig station with your ID card."
    )


class _TrialRun(Exception):
    """Raised inside a savepoint to check every rule of a write and keep nothing."""


def _trial(function, **kwargs) -> None:
    try:
        with transaction.atomic():
            function(**kwargs)
            raise _TrialRun
    except _TrialRun:
        pass


def _valid_phone(phone: str) -> str:
    try:
        return validate_mobile_phone(phone)
    except ValidationProblem as problem:
        raise _invalid(problem, "phone") from None


def worker_sign_in_code_send(*, phone: str) -> None:
    """Send a sign-in code, only to a registered worker's phone (no stray SMS)."""

    phone = _valid_phone(phone)
    worker = Worker.objects.filter(phone_digest=personal_digest(phone, kind="phone"), is_active=True).first()
    if worker is None:
        raise NotRegistered()
    sms_code_send(phone=phone, purpose=SIGN_IN_PURPOSE, language=worker.language)


def worker_sign_in(*, phone: str, code: str) -> Worker:
    """The worker whose phone received this code; the caller signs their user in.

    Not in a transaction: a wrong code must count as an attempt.
    """

    phone = _valid_phone(phone)
    worker = Worker.objects.filter(phone_digest=personal_digest(phone, kind="phone"), is_active=True).first()
    if worker is None or worker.user_id is None:
        raise NotRegistered()
    sms_code_verify(phone=phone, purpose=SIGN_IN_PURPOSE, code=code)
    return worker


def worker_register_code_send(*, phone: str) -> None:

    phone = _valid_phone(phone)
    if Worker.objects.filter(phone_digest=personal_digest(phone, kind="phone")).exists():
        raise Conflict(_("This phone number is already registered. Please sign in."), code="phone_taken", field="phone")
    sms_code_send(phone=phone, purpose=REGISTER_PURPOSE)


def worker_register_web(*, sms_code: str, **fields) -> Worker:
    """Self-registration on the web; the phone is proven by an SMS code.

    Every rule of `worker_register` is first checked in a rolled-back trial, so
    a typing error does not use up the code; the code is then checked outside
    any transaction (a miss must count) and the worker registered for real.
    """

    fields.update(channel=Channel.WEB, actor=None, station=None, read_aloud=False)
    _trial(worker_register, **fields)
    sms_code_verify(phone=fields["phone"], purpose=REGISTER_PURPOSE, code=sms_code)
    return worker_register(**fields)


def worker_phone_change_code_send(*, worker: Worker, new_phone: str, actor) -> None:
    """A code to the NEW phone: it proves the worker holds it."""

    _require_self_or_staff(worker=worker, actor=actor)
    phone = _valid_phone(new_phone)
    if Worker.objects.filter(phone_digest=personal_digest(phone, kind="phone")).exclude(pk=worker.pk).exists():
        raise Conflict(_("This phone number is already used by another worker."), code="phone_taken", field="phone")
    sms_code_send(phone=phone, purpose=PHONE_CHANGE_PURPOSE)


def worker_phone_change_by_sms(*, worker: Worker, new_phone: str, code: str, actor, channel: str) -> Worker:

    kwargs = dict(worker=worker, new_phone=new_phone, actor=actor, channel=channel, second_factor="sms")
    _trial(worker_phone_change, **kwargs)
    worker.refresh_from_db()
    sms_code_verify(phone=new_phone, purpose=PHONE_CHANGE_PURPOSE, code=code)
    return worker_phone_change(**kwargs)


# --- messages to the worker ------------------------------------------------------------


def worker_notify(*, worker: Worker, kind: str, message, params: dict | None = None, dedupe_key: str, station=None):
    """A message to the worker's phone, in the worker's language (see lingong.notifications).

    A worker who asked to be deleted gets nothing more (processing stops).
    """

    if worker.hidden_at is not None:
        return None
    return notification_send(
        kind=kind,
        phone=unseal(worker.phone_sealed, purpose="phone"),
        language=worker.language,
        message=message,
        params=params,
        dedupe_key=dedupe_key,
        user=worker.user,
        station=station or worker.registered_station,
    )
