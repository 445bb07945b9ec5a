"""Agreements: made with every placement, signed by both, never changed after.

An amendment is a new Agreement (version + 1, `previous` = the one it
amends); the amended one becomes `superseded` once the amendment is signed
by both. Signing freezes content and SHA-256 (services here, and a database
trigger in migration 0002 under them).
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from lingong.accounts.selectors import role_allows, role_require
from lingong.core.crypto import unseal
from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.core.models import Channel
from lingong.core.services import event_record, status_transition
from lingong.notifications.codes import sms_code_send, sms_code_verify

from . import hooks
from .models import AGREEMENT_TRANSITIONS, Agreement, AgreementStatus, PayMethod, SignMethod
from .terms import AGREEMENT_TEMPLATE_VERSION, agreement_terms, content_sha256, default_pay_due_date

SMS_PURPOSE = "agreement_sign"
MAX_SIGNATURE_BYTES = 200_000


def agreement_render(*, terms: dict) -> str:
    """The signed text: the versioned template filled with the terms (language-independent)."""
    with translation.override("zh-hans"):
        return render_to_string(f"agreements/agreement_{terms['template_version']}.html", {"t": terms}).strip()


def _fill(agreement: Agreement) -> None:
    agreement.terms = agreement_terms(
        placement=agreement.placement,
        version=agreement.version,
        amends=agreement.previous.version if agreement.previous_id else None,
        pay_due_date=agreement.pay_due_date,
        pay_method=agreement.pay_method,
        duties=agreement.duties,
        template_version=agreement.template_version,
    )
    agreement.content = agreement_render(terms=agreement.terms)
    agreement.content_sha256 = content_sha256(agreement.content)


def _save_new(agreement: Agreement) -> None:
    try:
        agreement.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise InvalidInput(messages[0], code="invalid_" + field, field=field) from None
    agreement.save()


def _clean_terms(*, pay_due_date: date, pay_method: str, duties: str, placement) -> tuple[date, str, str]:
    if pay_method not in PayMethod.values:
        raise InvalidInput(_("Please choose how the wages are paid."), code="invalid_pay_method", field="pay_method")
    if pay_due_date < placement.end_date:
        raise InvalidInput(
            _("Wages cannot be due before the work ends."), code="pay_date_before_end", field="pay_due_date"
        )
    return pay_due_date, pay_method, (duties or "").strip()[:300]


@transaction.atomic
def agreement_create_for_placement(*, placement, actor=None, channel: str = Channel.SYSTEM) -> Agreement:
    """Version 1, from the current template, with the default pay date and method."""
    agreement = Agreement(
        placement=placement,
        version=1,
        template_version=AGREEMENT_TEMPLATE_VERSION,
        pay_due_date=default_pay_due_date(placement.job),
        pay_method=PayMethod.CASH_OR_TRANSFER,
        duties=(placement.job.description or "")[:300],
    )
    _fill(agreement)
    _save_new(agreement)
    event_record(
        subject=agreement,
        verb="agreement_create",
        actor=actor,
        to_state=agreement.status,
        station=placement.station,
        channel=channel,
        data={"sha256": agreement.content_sha256, "version": 1},
    )
    return agreement


def _require_employer_side(*, agreement: Agreement, actor) -> None:
    employer = agreement.placement.job.employer
    if employer.user_id is not None and getattr(actor, "is_authenticated", False) and actor.pk == employer.user_id:
        return
    role_require(actor, "agreement.sign_assist", station_id=agreement.placement.job.station_id)


def _is_worker(*, agreement: Agreement, actor) -> bool:
    worker = agreement.placement.worker
    return worker.user_id is not None and getattr(actor, "is_authenticated", False) and actor.pk == worker.user_id


@transaction.atomic
def agreement_terms_change(
    *,
    agreement: Agreement,
    actor,
    channel: str,
    pay_due_date: date | None = None,
    pay_method: str | None = None,
    duties: str | None = None,
) -> Agreement:
    """Change an unsigned draft (pay date, method, duties); a signed one needs `agreement_amend`."""
    _require_employer_side(agreement=agreement, actor=actor)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != AgreementStatus.DRAFT:
        raise Conflict(_("A signed agreement never changes. Make an amendment instead."), code="agreement_frozen")
    due, method, duties = _clean_terms(
        pay_due_date=pay_due_date or agreement.pay_due_date,
        pay_method=pay_method or agreement.pay_method,
        duties=agreement.duties if duties is None else duties,
        placement=agreement.placement,
    )
    before = agreement.content_sha256
    agreement.pay_due_date, agreement.pay_method, agreement.duties = due, method, duties
    _fill(agreement)
    agreement.full_clean()
    agreement.save()
    event_record(
        subject=agreement,
        verb="agreement_terms_change",
        actor=actor,
        to_state=agreement.status,
        channel=channel,
        data={"sha256_before": before, "sha256": agreement.content_sha256},
    )
    return agreement


@transaction.atomic
def agreement_amend(
    *,
    agreement: Agreement,
    actor,
    channel: str,
    reason: str,
    pay_due_date: date | None = None,
    pay_method: str | None = None,
    duties: str | None = None,
) -> Agreement:
    """A new version of a signed agreement; the signed one stays valid until the new one is signed."""
    _require_employer_side(agreement=agreement, actor=actor)
    agreement.refresh_from_db()
    if agreement.status != AgreementStatus.SIGNED:
        raise Conflict(_("Only a signed agreement can be amended."), code="agreement_not_signed")
    if Agreement.objects.filter(previous=agreement).exists():
        raise Conflict(_("This agreement already has an amendment."), code="amendment_exists")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Please give the reason."), code="reason_required", field="reason")
    due, method, duties = _clean_terms(
        pay_due_date=pay_due_date or agreement.pay_due_date,
        pay_method=pay_method or agreement.pay_method,
        duties=agreement.duties if duties is None else duties,
        placement=agreement.placement,
    )
    amendment = Agreement(
        placement=agreement.placement,
        version=agreement.version + 1,
        previous=agreement,
        template_version=AGREEMENT_TEMPLATE_VERSION,
        pay_due_date=due,
        pay_method=method,
        duties=duties,
    )
    _fill(amendment)
    _save_new(amendment)
    event_record(
        subject=amendment,
        verb="agreement_amend",
        actor=actor,
        to_state=amendment.status,
        channel=channel,
        data={
            "previous": agreement.pk,
            "version": amendment.version,
            "reason": reason[:200],
            "sha256": amendment.content_sha256,
        },
    )
    return amendment


def agreement_sign_code_send(*, agreement: Agreement, actor, now: datetime | None = None) -> None:
    """Send the worker the SMS code that signs (at the kiosk, without a pad)."""
    if not (
        _is_worker(agreement=agreement, actor=actor)
        or role_allows(actor, "agreement.sign_assist", station_id=agreement.placement.job.station_id)
    ):
        raise NotAllowed()
    phone = unseal(agreement.placement.worker.phone_sealed, purpose="phone")
    sms_code_send(phone=phone, purpose=SMS_PURPOSE, now=now)


def agreement_sign_worker(
    *,
    agreement: Agreement,
    actor,
    channel: str,
    method: str,
    signature_svg: str = "",
    sms_code: str = "",
    now: datetime | None = None,
) -> Agreement:
    """The worker signs: a handwritten mark on the kiosk pad, or the SMS code sent to their phone.

    The code is checked first and outside the signing transaction: a wrong
    code must count as a failed attempt even though nothing is signed.
    """
    now = now or timezone.now()
    assisted = not _is_worker(agreement=agreement, actor=actor)
    if assisted:
        role_require(actor, "agreement.sign_assist", station_id=agreement.placement.job.station_id)
    if method == SignMethod.PAD:
        signature_svg = (signature_svg or "").strip()
        if not signature_svg.startswith("<svg") or len(signature_svg.encode()) > MAX_SIGNATURE_BYTES:
            raise InvalidInput(_("Please sign on the pad."), code="signature_required", field="signature")
    elif method == SignMethod.SMS:
        phone = unseal(agreement.placement.worker.phone_sealed, purpose="phone")
        sms_code_verify(phone=phone, purpose=SMS_PURPOSE, code=sms_code, now=now)
        signature_svg = ""
    else:
        raise InvalidInput(_("Unknown way of signing."), code="invalid_sign_method", field="method")
    return _sign(
        agreement=agreement,
        side="worker",
        actor=actor,
        channel=channel,
        method=method,
        signature_svg=signature_svg,
        now=now,
    )


def agreement_sign_employer(*, agreement: Agreement, actor, channel: str, now: datetime | None = None) -> Agreement:
    """The employer signs online, or at the window with staff (who are then recorded as signing for them)."""
    _require_employer_side(agreement=agreement, actor=actor)
    employer = agreement.placement.job.employer
    own = employer.user_id is not None and getattr(actor, "pk", None) == employer.user_id
    method = SignMethod.ONLINE if own else SignMethod.WINDOW
    return _sign(
        agreement=agreement,
        side="employer",
        actor=actor,
        channel=channel,
        method=method,
        signature_svg="",
        now=now or timezone.now(),
    )


@transaction.atomic
def _sign(
    *, agreement: Agreement, side: str, actor, channel: str, method: str, signature_svg: str, now: datetime
) -> Agreement:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    already = AgreementStatus.WORKER_SIGNED if side == "worker" else AgreementStatus.EMPLOYER_SIGNED
    other = AgreementStatus.EMPLOYER_SIGNED if side == "worker" else AgreementStatus.WORKER_SIGNED
    if agreement.status in (already, AgreementStatus.SIGNED):
        raise Conflict(_("This agreement is already signed."), code="already_signed")
    if agreement.status not in (AgreementStatus.DRAFT, other):
        raise Conflict(_("This agreement can no longer be signed."), code="agreement_not_signable")
    if content_sha256(agreement.content) != agreement.content_sha256:
        raise Conflict(
            _("This agreement does not match its fingerprint. Please call the station."), code="hash_mismatch"
        )
    if agreement.placement.status != "active":
        raise Conflict(_("This placement has ended."), code="placement_not_active")
    to = AgreementStatus.SIGNED if agreement.status == other else already
    fields = (
        {
            "worker_signed_at": now,
            "worker_sign_method": method,
            "worker_signature": signature_svg,
            "worker_signed_sha256": agreement.content_sha256,
            "worker_sign_channel": channel,
        }
        if side == "worker"
        else {
            "employer_signed_at": now,
            "employer_sign_method": method,
            "employer_signed_by": actor if getattr(actor, "is_authenticated", False) else None,
            "employer_signed_sha256": agreement.content_sha256,
        }
    )
    for name, value in fields.items():
        setattr(agreement, name, value)
    agreement.full_clean(exclude=["status"])
    # Signature fields first (still unsigned for the trigger), then the status through its table.
    Agreement.objects.filter(pk=agreement.pk).update(**fields)
    status_transition(
        agreement,
        transitions=AGREEMENT_TRANSITIONS,
        to=to,
        verb=f"agreement_sign_{side}",
        actor=actor,
        station=agreement.placement.station,
        channel=channel,
        data={"method": method, "sha256": agreement.content_sha256},
    )
    if to == AgreementStatus.SIGNED and agreement.previous_id:
        previous = agreement.previous
        status_transition(
            previous,
            transitions=AGREEMENT_TRANSITIONS,
            to=AgreementStatus.SUPERSEDED,
            verb="agreement_supersede",
            actor=actor,
            channel=channel,
            data={"by": agreement.pk},
        )
        hooks.agreement_superseded.fire(agreement=agreement, actor=actor)
    return agreement


@transaction.atomic
def agreement_void_for_placement(*, placement, actor, channel: str, reason: str) -> int:
    """The placement did not happen: every live version is void; returns how many."""
    voided = 0
    for agreement in (
        Agreement.objects.select_for_update()
        .filter(placement=placement)
        .exclude(status__in=(AgreementStatus.VOID, AgreementStatus.SUPERSEDED))
    ):
        status_transition(
            agreement,
            transitions=AGREEMENT_TRANSITIONS,
            to=AgreementStatus.VOID,
            verb="agreement_void",
            actor=actor,
            channel=channel,
            data={"reason": reason[:200]},
        )
        voided += 1
    return voided
