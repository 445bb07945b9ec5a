"""Kiosk domain rules: signed card reads, wedge scans, QR sign-in, personal codes, staff calls.

Everything a kiosk screen decides goes through here, so the rules are
tested without a browser. Expected failures raise ApplicationError
subclasses with a message for the person at the screen.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lingong.accounts.models import Role
from lingong.accounts.selectors import role_require
from lingong.core.crypto import seal, unseal
from lingong.core.errors import ApplicationError, Conflict, InvalidInput, NotAllowed, TooManyRequests
from lingong.core.idnumber import china_today, validate_resident_id
from lingong.core.personal import personal_digest
from lingong.core.phone import validate_mobile_phone
from lingong.core.ratelimit import rate_limit_hit
from lingong.core.services import event_record
from lingong.core.validation import ValidationProblem
from lingong.notifications.codes import sms_code_send, sms_code_verify
from lingong.stations.models import Kiosk
from lingong.stations.selectors import stations_active
from lingong.stations.services import kiosk_secret
from lingong.trades.models import JobType
from lingong.workers.models import Worker, availability_bit
from lingong.workers.selectors import worker_find_by_id_number
from lingong.workers.services import TradeSkill, worker_name_bo_clean, worker_phone_change, worker_register

from .models import STAFF_CALL_TRANSITIONS, CardReadNonce, KioskLoginCode, StaffCallRequest, StaffCallStatus
from .signing import card_signature

CARD_MAX_AGE = timedelta(seconds=60)
NONCE_KEEP = timedelta(minutes=10)
LOGIN_CODE_LIFETIME = timedelta(seconds=90)
PERSONAL_CODE_MAX_AGE = 120  # seconds
PERSONAL_CODE_SALT = "lingong.kiosk.personal-code"
DEVICE_SALT = "lingong.kiosk.device"
NONCE_RE = re.compile(r"^[A-Za-z0-9_-]{16,128}$")
LONG_TERM = ("长期", "long-term")
PHONE_CHANGE_PURPOSE = "kiosk_phone_change"
REGISTER_PURPOSE = "kiosk_register"
PHONE_PROOF_SALT = "lingong.kiosk.phone-proof"
PHONE_PROOF_MAX_AGE = 30 * 60  # seconds: time to finish the remaining registration steps
SIGN_IN_PURPOSE = "kiosk_sign_in"
OLD_PHONE_PURPOSE = "kiosk_phone_change_old"
OLD_PHONE_PROOF_SALT = "lingong.kiosk.old-phone-proof"
OLD_PHONE_PROOF_MAX_AGE = 10 * 60  # seconds: time to type the new number and its code
# A typed number never signs anyone in; how often a kiosk and a number may try (shared across processes).
TYPED_PER_KIOSK, TYPED_PER_KIOSK_WINDOW = 12, timedelta(minutes=10)
TYPED_PER_NUMBER, TYPED_PER_NUMBER_WINDOW = 3, timedelta(hours=1)
CODES_PER_KIOSK, CODES_PER_KIOSK_WINDOW = 20, timedelta(minutes=10)


class CardRefused(InvalidInput):
    default_code = "card_refused"
    default_message = _("The card could not be read. Please try again.")


@dataclass(frozen=True)
class CardData:
    """What a kiosk keeps of a card read: only what registration needs."""

    id_number: str
    name: str = ""
    sex: str = ""
    birth_date: str = ""
    ethnicity: str = ""
    address: str = ""
    valid_until: str = ""
    source: str = "chip"  # "chip" (signed read) or "wedge" (number only)

    def seal(self) -> str:
        """For the session: card data never sits there in clear."""
        return seal(json.dumps(asdict(self), ensure_ascii=False), purpose="kiosk_card")

    @classmethod
    def unseal(cls, token: str) -> CardData:
        return cls(**json.loads(unseal(token, purpose="kiosk_card")))


# --- device binding --------------------------------------------------------------


def kiosk_device_token(*, kiosk: Kiosk) -> str:
    """The value of the device cookie that binds a browser to its kiosk (set by staff)."""
    return signing.dumps({"kiosk": kiosk.pk}, salt=DEVICE_SALT)


def kiosk_from_device_token(token: str | None) -> Kiosk | None:
    """The active kiosk a device cookie names, or None for a missing, forged or retired one.

    Every kiosk request asks it. The kiosk is read each time (a retired one stops at once); its station, which
    the page only names, comes from the process's snapshot of the active stations (a minute old at most), not
    from a join that cost as much again.
    """
    if not token:
        return None
    try:
        data = signing.loads(token, salt=DEVICE_SALT)
    except signing.BadSignature:
        return None
    kiosk = Kiosk.objects.filter(pk=data.get("kiosk"), is_active=True).first()
    station = stations_active.by_pk(kiosk.station_id) if kiosk is not None else None
    if station is not None:  # else (a station closed since) it is read when asked, as before
        kiosk.station = station
    return kiosk


@transaction.atomic
def kiosk_device_bind(*, kiosk: Kiosk, actor) -> str:
    """Staff of the kiosk's station (or an administrator) set up a browser as this kiosk."""
    if not (
        getattr(actor, "is_authenticated", False)
        and actor.role == Role.STATION_STAFF
        and actor.station_id == kiosk.station_id
    ):
        role_require(actor, "station.change")
    if not kiosk.is_active:
        raise Conflict(_("This kiosk is not active."), code="kiosk_inactive")
    event_record(subject=kiosk, verb="kiosk_device_bind", actor=actor, station=kiosk.station)
    return kiosk_device_token(kiosk=kiosk)


# --- sessions ------------------------------------------------------------------------

# How a person was signed in at a kiosk: the data of its `kiosk_sign_in` timeline event.
SIGN_IN_WAYS = ("card", "typed", "personal_code", "qr", "register")


@transaction.atomic
def kiosk_session_start(*, kiosk: Kiosk, worker: Worker, way: str) -> None:
    """A worker was signed in at this kiosk: one kiosk session (docs/figures.md, by kiosk).

    The timeline keeps it with the kiosk as subject and the worker's account as actor, as it keeps
    an app sign-in; the district's figures count these events per kiosk and day.
    """
    if way not in SIGN_IN_WAYS:
        raise ValueError(f"unknown way of signing in: {way!r}")
    event_record(
        subject=kiosk,
        verb="kiosk_sign_in",
        actor=worker.user,
        station=kiosk.station,
        channel="kiosk",
        data={"way": way},
    )


# --- signed card reads -------------------------------------------------------------


def _parse_date(value: object, what) -> date:
    text = str(value or "").strip().replace("-", "").replace(".", "")
    if len(text) != 8 or not text.isdigit():
        raise CardRefused(_("The card's %(what)s could not be read.") % {"what": what}, code="card_bad_date")
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise CardRefused(_("The card's %(what)s could not be read.") % {"what": what}, code="card_bad_date") from None


def _sex(value: object) -> str | None:
    return {"男": "male", "女": "female", "male": "male", "female": "female", "1": "male", "2": "female"}.get(
        str(value or "").strip().lower()
    )


def _nonce_use(*, kiosk: Kiosk, nonce: str, now: datetime) -> None:
    """Record a nonce once for all processes; a second use is a replay."""
    CardReadNonce.objects.filter(kiosk=kiosk, seen_at__lt=now - NONCE_KEEP).delete()
    try:
        with transaction.atomic():
            CardReadNonce.objects.create(kiosk=kiosk, nonce=nonce, seen_at=now)
    except IntegrityError:
        raise CardRefused(
            _("This card read was already used. Please place the card again."), code="card_replayed"
        ) from None


def card_read_verify(
    *, kiosk: Kiosk, message: object, now: datetime | None = None, today: date | None = None
) -> CardData:
    """Check a signed card read from the kiosk's reader and return the card data.

    Order: shape, kiosk, signature, freshness, nonce (only authentic messages
    use up a nonce), then the card itself: expiry, ID number, and that the
    chip's birth date and sex agree with the number.
    """
    now = now or timezone.now()
    today = today or china_today()
    if not isinstance(message, dict):
        raise CardRefused(code="card_malformed")
    fields, kiosk_code, nonce = message.get("fields"), message.get("kiosk"), message.get("nonce")
    timestamp, signature = message.get("timestamp"), message.get("signature")
    if (
        not isinstance(fields, dict)
        or not isinstance(nonce, str)
        or not NONCE_RE.match(nonce)
        or not isinstance(timestamp, int)
        or isinstance(timestamp, bool)
        or not isinstance(signature, str)
        or not all(isinstance(v, str) for v in fields.values())
    ):
        raise CardRefused(code="card_malformed")
    if kiosk_code != kiosk.code or not kiosk.is_active:
        raise CardRefused(_("This card read was made for another kiosk."), code="card_wrong_kiosk")
    expected = card_signature(
        secret=kiosk_secret(kiosk), fields=fields, kiosk=kiosk_code, nonce=nonce, timestamp=timestamp
    )
    if not hmac.compare_digest(expected, signature):
        raise CardRefused(_("The card reader's signature is not valid. Please call staff."), code="card_bad_signature")
    if abs(now.timestamp() - timestamp) > CARD_MAX_AGE.total_seconds():
        raise CardRefused(_("The card read is too old. Please place the card again."), code="card_stale")
    with transaction.atomic():
        _nonce_use(kiosk=kiosk, nonce=nonce, now=now)

    valid_until = (fields.get("valid_until") or "").strip()
    if valid_until not in LONG_TERM:
        if _parse_date(valid_until, _("expiry date")) < today:
            raise CardRefused(
                _("This ID card has expired. Please renew it, or ask staff for help."), code="card_expired"
            )
    try:
        resident = validate_resident_id(fields.get("id_number", ""), today=today)
    except ValidationProblem as problem:
        raise CardRefused(problem.message, code="card_" + problem.code) from None
    if _parse_date(fields.get("birth_date"), _("birth date")) != resident.birth_date:
        raise CardRefused(_("The birth date on the card does not match the ID number."), code="card_birth_mismatch")
    if _sex(fields.get("sex")) != resident.sex:
        raise CardRefused(_("The sex on the card does not match the ID number."), code="card_sex_mismatch")
    name = (fields.get("name") or "").strip()
    if not name or len(name) > 50:
        raise CardRefused(_("The name on the card could not be read."), code="card_bad_name")
    return CardData(
        id_number=resident.number,
        name=name,
        sex=resident.sex,
        birth_date=resident.birth_date.isoformat(),
        ethnicity=(fields.get("ethnicity") or "").strip()[:20],
        address=(fields.get("address") or "").strip()[:200],
        valid_until=valid_until,
        source="chip",
    )


# --- keyboard-wedge scans: an ID number typed fast, or a personal code -------------


def personal_code_issue(*, worker: Worker) -> str:
    """A short-lived signed code the worker's phone shows as a QR; the kiosk scanner types it."""
    return signing.TimestampSigner(salt=PERSONAL_CODE_SALT).sign(f"{worker.pk}.{secrets.token_hex(8)}")


def _personal_code_check(*, kiosk: Kiosk, value: str, now: datetime) -> Worker:
    try:
        payload = signing.TimestampSigner(salt=PERSONAL_CODE_SALT).unsign(value, max_age=PERSONAL_CODE_MAX_AGE)
    except signing.SignatureExpired:
        raise CardRefused(
            _("This code has expired. Please open it again on your phone."), code="personal_code_expired"
        ) from None
    except signing.BadSignature:
        raise CardRefused(_("This code is not valid."), code="personal_code_invalid") from None
    worker_id = payload.split(".", 1)[0]
    worker = Worker.objects.filter(pk=worker_id if worker_id.isdigit() else None, is_active=True).first()
    if worker is None or worker.user_id is None:
        raise CardRefused(_("This code is not valid."), code="personal_code_invalid")
    with transaction.atomic():
        _nonce_use(kiosk=kiosk, nonce="p:" + hashlib.sha256(value.encode()).hexdigest()[:64], now=now)
    return worker


def kiosk_scan_identify(*, kiosk: Kiosk, value: object, now: datetime | None = None) -> Worker:
    """The worker's personal code, shown from their phone and read by the kiosk's scanner.

    It proves the phone (signed, two minutes). A typed or wedge-read ID number is
    not a proof of anything (anyone can type anyone's number): it goes through
    `kiosk_typed_sign_in_start` instead.
    """
    now = now or timezone.now()
    return _personal_code_check(kiosk=kiosk, value=str(value or "").strip()[:200], now=now)


def kiosk_value_is_personal_code(value: object) -> bool:
    return ":" in str(value or "")


def _bad_code() -> InvalidInput:
    return InvalidInput(_("The code is wrong or has expired. Please ask for a new one."), code="bad_code", field="code")


def kiosk_typed_sign_in_start(*, kiosk: Kiosk, value: object, today: date | None = None) -> str:
    """A typed ID number: a code goes to the phone registered with it, if any; returns the number.

    The answer is the same whether the number is registered or not (the kiosk
    must not tell strangers who is registered), and typing is throttled per
    kiosk and per number.
    """
    rate_limit_hit(scope="kiosk_typed", key=str(kiosk.pk), limit=TYPED_PER_KIOSK, window=TYPED_PER_KIOSK_WINDOW)
    try:
        resident = validate_resident_id(str(value or "").strip()[:40], today=today or china_today())
    except ValidationProblem as problem:
        raise CardRefused(problem.message, code="card_" + problem.code) from None
    rate_limit_hit(
        scope="kiosk_typed_number", key=resident.number, limit=TYPED_PER_NUMBER, window=TYPED_PER_NUMBER_WINDOW
    )
    worker = worker_find_by_id_number(id_number=resident.number)
    if worker is not None and worker.is_active and worker.user_id is not None:
        try:
            phone = unseal(worker.phone_sealed, purpose="phone")
            sms_code_send(phone=phone, purpose=SIGN_IN_PURPOSE, language=worker.language)
        except TooManyRequests:
            pass  # the same answer as for any number; the code already sent still works
    return resident.number


def kiosk_typed_sign_in_finish(*, kiosk: Kiosk, id_number: str, code: str) -> Worker:
    """The code from the registered phone signs the worker in; anything else is "wrong code"."""
    rate_limit_hit(scope="kiosk_code", key=str(kiosk.pk), limit=CODES_PER_KIOSK, window=CODES_PER_KIOSK_WINDOW)
    worker = worker_find_by_id_number(id_number=id_number)
    if worker is None or not worker.is_active or worker.user_id is None:
        raise _bad_code()
    sms_code_verify(phone=unseal(worker.phone_sealed, purpose="phone"), purpose=SIGN_IN_PURPOSE, code=code)
    return worker


def kiosk_card_identify(*, card: CardData) -> Worker | None:
    """The registered worker holding the card, or None for a first visit."""
    worker = worker_find_by_id_number(id_number=card.id_number)
    if worker is not None and worker.user_id is None:
        raise Conflict(_("This account cannot sign in at a kiosk. Please go to a window."), code="no_user")
    return worker


# --- QR sign-in ----------------------------------------------------------------------


def _code_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def kiosk_login_code_issue(*, kiosk: Kiosk, now: datetime | None = None) -> tuple[KioskLoginCode, str]:
    """A fresh 192-bit single-use code for the kiosk's QR; only its hash is stored."""
    now = now or timezone.now()
    KioskLoginCode.objects.filter(kiosk=kiosk, expires_at__lt=now - timedelta(hours=1)).delete()
    raw = secrets.token_urlsafe(24)
    code = KioskLoginCode.objects.create(
        kiosk=kiosk, code_hash=_code_hash(raw), created_at=now, expires_at=now + LOGIN_CODE_LIFETIME
    )
    return code, raw


class LoginCodeInvalid(ApplicationError):
    status = 400
    default_code = "login_code_invalid"
    default_message = _("This sign-in code has expired or was already used. Scan the new code on the kiosk.")


def kiosk_login_code_lookup(*, raw: str, now: datetime | None = None) -> KioskLoginCode:
    """The pending code behind a scanned QR, with its kiosk and station, for the confirm page."""
    now = now or timezone.now()
    code = (
        KioskLoginCode.objects.select_related("kiosk__station")
        .filter(code_hash=_code_hash(str(raw or "")[:100]), expires_at__gt=now, confirmed_at__isnull=True)
        .first()
    )
    if code is None:
        raise LoginCodeInvalid()
    return code


@transaction.atomic
def kiosk_login_code_confirm(*, raw: str, user, now: datetime | None = None) -> KioskLoginCode:
    """The worker, signed in on their phone, says yes: the kiosk may sign them in, once."""
    now = now or timezone.now()
    worker = getattr(user, "worker", None) if getattr(user, "is_authenticated", False) else None
    if worker is None or not worker.is_active:
        raise NotAllowed(_("Please sign in on your phone as a worker first."), code="not_worker")
    code = kiosk_login_code_lookup(raw=raw, now=now)
    updated = KioskLoginCode.objects.filter(pk=code.pk, confirmed_at__isnull=True, expires_at__gt=now).update(
        confirmed_by=user, confirmed_at=now
    )
    if not updated:
        raise LoginCodeInvalid()
    event_record(subject=code.kiosk, verb="kiosk_qr_confirm", actor=user, station=code.kiosk.station, channel="kiosk")
    code.refresh_from_db()
    return code


@transaction.atomic
def kiosk_login_code_claim(
    *, kiosk: Kiosk, code_id: int | None, now: datetime | None = None
) -> tuple[str, Worker | None]:
    """Polled by the kiosk: ('pending', None), ('expired', None) or ('confirmed', worker), the last once only."""
    now = now or timezone.now()
    code = KioskLoginCode.objects.filter(pk=code_id, kiosk=kiosk).first() if code_id else None
    if code is None or code.used_at is not None:
        return "expired", None
    if code.confirmed_at is None:
        return ("expired", None) if code.expires_at <= now else ("pending", None)
    if not KioskLoginCode.objects.filter(pk=code.pk, used_at__isnull=True).update(used_at=now):
        return "expired", None
    worker = Worker.objects.filter(user_id=code.confirmed_by_id, is_active=True).first()
    return ("confirmed", worker) if worker else ("expired", None)


# --- phone change with an SMS code to the new phone ----------------------------------


def kiosk_phone_change_old_code_send(*, worker: Worker) -> None:
    """Before a new number: a code to the phone the worker has now (it proves the account is theirs)."""
    sms_code_send(
        phone=unseal(worker.phone_sealed, purpose="phone"), purpose=OLD_PHONE_PURPOSE, language=worker.language
    )


def kiosk_phone_change_old_prove(*, worker: Worker, code: str) -> str:
    """The code from the current phone; returns a proof, good for ten minutes, for `kiosk_phone_change`."""
    sms_code_verify(phone=unseal(worker.phone_sealed, purpose="phone"), purpose=OLD_PHONE_PURPOSE, code=code)
    return signing.dumps({"worker": worker.pk}, salt=OLD_PHONE_PROOF_SALT)


def kiosk_phone_change(*, worker: Worker, new_phone: str, code: str, actor, old_phone_proof: str) -> Worker:
    """Both phones proven: the current one (the proof) and the new one (its code); then the change.

    A worker who no longer has the old phone changes it at a window, where staff
    confirm who they are and give the reason (`worker_phone_change`, second factor "staff").
    """
    try:
        proven = signing.loads(old_phone_proof or "", salt=OLD_PHONE_PROOF_SALT, max_age=OLD_PHONE_PROOF_MAX_AGE)
    except signing.BadSignature:
        proven = None
    if not proven or proven.get("worker") != worker.pk:
        raise NotAllowed(
            _("First type the code sent to your current phone. No longer have it? Please go to a window."),
            code="old_phone_unproven",
        )
    sms_code_verify(phone=new_phone, purpose=PHONE_CHANGE_PURPOSE, code=code)
    return worker_phone_change(worker=worker, new_phone=new_phone, actor=actor, channel="kiosk", second_factor="sms")


# --- staff calls ---------------------------------------------------------------------


@transaction.atomic
def staff_call_create(*, kiosk: Kiosk, worker: Worker | None = None) -> StaffCallRequest:
    """One live call per kiosk: pressing again keeps the same call (its place in line, or the clerk on the way)."""
    existing = StaffCallRequest.objects.filter(
        kiosk=kiosk, status__in=(StaffCallStatus.OPEN, StaffCallStatus.TAKEN)
    ).first()
    if existing is not None:
        if worker is not None and existing.worker_id is None:
            StaffCallRequest.objects.filter(pk=existing.pk).update(worker=worker)
            existing.worker = worker
        return existing
    call = StaffCallRequest.objects.create(kiosk=kiosk, station=kiosk.station, worker=worker)
    event_record(
        subject=call,
        verb="staff_call_create",
        actor=getattr(worker, "user", None),
        to_state="open",
        station=kiosk.station,
        channel="kiosk",
    )
    return call


def _staff_call_move(*, call: StaffCallRequest, to: str, actor, verb: str, **fields) -> StaffCallRequest:
    """Move a call along STAFF_CALL_TRANSITIONS; a conditional UPDATE so two clerks cannot both win."""
    call.refresh_from_db()
    current = call.status
    if to not in STAFF_CALL_TRANSITIONS[current]:
        if current == StaffCallStatus.DONE:
            raise Conflict(_("This call is already closed."), code="call_closed")
        raise Conflict(_("Someone has already taken this call."), code="call_taken")
    if not StaffCallRequest.objects.filter(pk=call.pk, status=current).update(status=to, **fields):
        raise Conflict(_("Someone else changed this just now. Please look again."), code="stale_state")
    call.refresh_from_db()
    event_record(
        subject=call,
        verb=verb,
        actor=actor,
        from_state=current,
        to_state=to,
        station=call.station,
        channel="window",
        data={"kiosk": call.kiosk_id, "answer_seconds": call.answer_seconds},
    )
    return call


@transaction.atomic
def staff_call_take(*, call: StaffCallRequest, actor, now: datetime | None = None) -> StaffCallRequest:
    """A clerk says "I am coming": the kiosk shows their name and the time to answer is recorded."""
    role_require(actor, "staff_call.answer", station_id=call.station_id)
    now = now or timezone.now()
    return _staff_call_move(
        call=call, to=StaffCallStatus.TAKEN, actor=actor, verb="staff_call_take", taken_by=actor, taken_at=now
    )


@transaction.atomic
def staff_call_close(*, call: StaffCallRequest, actor, now: datetime | None = None) -> StaffCallRequest:
    """The person was helped. Closing a call nobody took counts as taken now, by the one who closed it."""
    role_require(actor, "staff_call.answer", station_id=call.station_id)
    now = now or timezone.now()
    fields = {"closed_at": now, "closed_by": actor}
    if call.taken_at is None and StaffCallRequest.objects.filter(pk=call.pk, taken_at__isnull=True).exists():
        fields.update(taken_at=now, taken_by=actor)
    return _staff_call_move(call=call, to=StaffCallStatus.DONE, actor=actor, verb="staff_call_close", **fields)


# --- first visit: registration from the card -----------------------------------------


def _slots_mask(*slots: int) -> int:

    return sum(availability_bit(day, slot) for day in range(7) for slot in slots)


# When they can work, by picture: one tap, four choices.
AVAILABILITY_CHOICES = {
    "mornings": _slots_mask(0),
    "afternoons": _slots_mask(1),
    "days": _slots_mask(0, 1),
    "any": _slots_mask(0, 1, 2),
}


# The lowest day pay a worker accepts, in yuan, as big buttons; "any" is 0 (no lowest pay).
MIN_DAY_PAY_CHOICES_YUAN = (150, 200, 250, 300)


def kiosk_register_code_send(*, phone: str) -> str:
    """Text a code to the phone typed at the kiosk, so a typo cannot make an account nobody can reach.

    A number that another worker already uses is refused now, not after the
    last step. Returns the number in its clean form.
    """
    try:
        phone = validate_mobile_phone(phone)
    except ValidationProblem as problem:
        raise InvalidInput(problem.message, code=problem.code, field="phone") from None
    if Worker.objects.filter(phone_digest=personal_digest(phone, kind="phone")).exists():
        raise Conflict(_("This phone number is already used by another worker."), code="phone_taken", field="phone")
    sms_code_send(phone=phone, purpose=REGISTER_PURPOSE)
    return phone


def kiosk_register_phone_verify(*, phone: str, code: str) -> str:
    """Check the SMS code (a miss counts: call outside a transaction); a proof for `kiosk_worker_register`."""
    sms_code_verify(phone=phone, purpose=REGISTER_PURPOSE, code=code)
    return signing.dumps({"phone": validate_mobile_phone(phone)}, salt=PHONE_PROOF_SALT)


def _phone_proven(*, phone: str, proof: str) -> bool:
    try:
        data = signing.loads(proof or "", salt=PHONE_PROOF_SALT, max_age=PHONE_PROOF_MAX_AGE)
    except signing.BadSignature:  # also an expired proof
        return False
    return data.get("phone") == phone


def kiosk_name_bo_check(*, name_bo: str) -> str:
    """The optional Tibetan name typed at the first registration step (by the worker, or a clerk for them)."""
    return worker_name_bo_clean(name_bo)


def kiosk_worker_register(
    *,
    kiosk: Kiosk,
    card: CardData,
    phone: str,
    phone_proof: str,
    job_type_ids: list[int],
    availability: str,
    consent_notice_version: str,
    read_aloud: bool,
    min_day_pay_fen: int = 0,
    language: str = "",
    name_bo: str = "",
) -> Worker:
    """Register a first-time worker from a signed card read; the kiosk's station is where they live and look.

    The phone must have been proven by an SMS code (`phone_proof`), and the
    lowest day pay is one of the kiosk's choices or 0 for "any".
    """

    if card.source != "chip" or not card.name:
        raise InvalidInput(
            _("Please place your ID card on the reader, or ask staff at the window."), code="card_required"
        )
    if not _phone_proven(phone=phone, proof=phone_proof):
        raise InvalidInput(
            _("Please confirm your phone number with the code we send by SMS."), code="phone_unverified", field="phone"
        )
    if min_day_pay_fen != 0 and min_day_pay_fen not in {y * 100 for y in MIN_DAY_PAY_CHOICES_YUAN}:
        raise InvalidInput(_("Please choose the lowest day pay you accept."), code="min_pay_invalid")
    if availability not in AVAILABILITY_CHOICES:
        raise InvalidInput(_("Please choose when you can work."), code="availability_required")
    types = {t.pk: t for t in JobType.objects.filter(pk__in=[int(i) for i in job_type_ids], is_active=True)}
    trades = [TradeSkill(types[i]) for i in dict.fromkeys(int(i) for i in job_type_ids) if i in types]
    station = kiosk.station
    return worker_register(
        name=card.name,
        name_bo=name_bo,
        id_number=card.id_number,
        phone=phone,
        trades=trades,
        channel="kiosk",
        actor=None,
        station=station,
        consent_notice_version=consent_notice_version,
        read_aloud=read_aloud,
        availability_mask=AVAILABILITY_CHOICES[availability],
        home_lat=station.lat,
        home_lon=station.lon,
        home_area=station.name_zh,
        min_day_pay_fen=min_day_pay_fen,
        language=language,
    )
