"""Rights cases: intake, assignment from the duty roster, mediation, outcome, closing.

Every write records a timeline event on the case (`core.services.event_record`);
status changes go through `status_transition` with `CASE_TRANSITIONS`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lingong.accounts.models import Role
from lingong.accounts.selectors import role_require
from lingong.core.errors import Conflict, InvalidInput
from lingong.core.models import Channel
from lingong.core.money import format_yuan
from lingong.core.services import event_record, status_transition
from lingong.notifications.models import NotificationKind
from lingong.stations.models import Station
from lingong.workers.services import worker_notify

from . import hooks
from .models import (
    CASE_TRANSITIONS,
    DUTY_LANGUAGES,
    CaseKind,
    CaseOutcome,
    CaseStatus,
    DutyShift,
    Mediation,
    MediationResult,
    RightsCase,
)

CASE_SOURCES = ("intake", "followup", "wages")


def _case_notify(*, case: RightsCase, step: str, message, params: dict | None = None) -> None:
    """Each worker of the case hears of its steps, in their own language."""
    hotline = case.station.hotline if case.station and case.station.hotline else ""
    for worker in case.workers.all():
        worker_notify(
            worker=worker,
            kind=NotificationKind.CASE_UPDATE,
            message=message,
            params={"case": case.pk, "employer": case.employer.name, "hotline": hotline, **(params or {})},
            dedupe_key=f"case_update:{case.pk}:{step}:{worker.pk}",
            station=case.station,
        )


def _raise_from_validation(error: ValidationError) -> None:
    field, messages = next(iter(error.message_dict.items()))
    raise InvalidInput(messages[0], code="invalid_" + field, field=field)


def _check_amount(value, *, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInput(_("Please give the amount in fen, zero or more."), code="invalid_amount", field=field)
    return value


# --- duty roster ----------------------------------------------------------------

REPEAT_WEEKS_MAX = 26  # half a year ahead: a roster further out is guesswork


def _languages_clean(languages) -> str:
    """A list or comma string of codes, stored in the fixed order of DUTY_LANGUAGES."""
    if isinstance(languages, str):
        languages = [part.strip() for part in languages.split(",")]
    wanted = {code for code in (languages or ()) if code}
    known = [code for code, _label in DUTY_LANGUAGES]
    if wanted - set(known):
        raise InvalidInput(_("Unknown language."), code="invalid_languages", field="languages")
    return ",".join(code for code in known if code in wanted)


def _same_person(shift: DutyShift) -> Q:
    """The shifts of the same person: the same officer, or a lawyer of the same name and office."""
    if shift.officer_id:
        return Q(officer_id=shift.officer_id)
    return Q(officer__isnull=True, lawyer_name__iexact=shift.lawyer_name, lawyer_office__iexact=shift.lawyer_office)


def _overlapping(shift: DutyShift, *, day: date) -> DutyShift | None:
    """Another shift of the same person on `day` whose hours cross this one's (at any station)."""
    return (
        DutyShift.objects.filter(
            _same_person(shift), date=day, start_time__lt=shift.end_time, end_time__gt=shift.start_time
        )
        .exclude(pk=shift.pk)
        .select_related("station")
        .order_by("start_time", "id")
        .first()
    )


def _overlap_refuse(shift: DutyShift, *, day: date) -> None:
    other = _overlapping(shift, day=day)
    if other is not None:
        raise Conflict(
            _("%(name)s is already on duty on %(date)s from %(start)s to %(end)s at %(station)s.")
            % {
                "name": shift.holder_name,
                "date": day.isoformat(),
                "start": other.start_time.strftime("%H:%M"),
                "end": other.end_time.strftime("%H:%M"),
                "station": other.station.name,
            },
            code="shift_overlap",
        )


def _shift_check(shift: DutyShift, *, today: date) -> None:
    """What every new or changed shift must satisfy; raises before anything is saved."""
    if shift.date is None or shift.start_time is None or shift.end_time is None:
        raise InvalidInput(_("Please give the day and the hours."), code="invalid_shift", field="date")
    if shift.date < today:
        raise InvalidInput(_("A shift on a past day cannot be set or changed."), code="shift_past", field="date")
    if shift.end_time <= shift.start_time:
        raise InvalidInput(_("The shift must end after it starts."), code="invalid_shift", field="end_time")
    if shift.officer_id and shift.lawyer_name:
        raise InvalidInput(
            _("A shift is held by an officer or by a lawyer, not both."), code="holder_both", field="lawyer_name"
        )
    if not shift.officer_id and not shift.lawyer_name:
        raise InvalidInput(
            _("Please choose the officer or give the lawyer's name."), code="holder_required", field="officer"
        )
    if shift.officer_id:
        # Two editors putting the same officer on two windows at once: the second waits here.
        type(shift.officer).objects.select_for_update().filter(pk=shift.officer_id).first()
    else:
        # A lawyer has no row to lock: lawyers' shifts are written one at a time, district-wide
        # (a few a week), by locking the stations in a fixed order.
        list(Station.objects.select_for_update().order_by("pk").values_list("pk", flat=True))
    try:
        shift.full_clean()
    except ValidationError as error:
        _raise_from_validation(error)
    _overlap_refuse(shift, day=shift.date)


def _shift_data(shift: DutyShift) -> dict:
    return {
        "officer": shift.officer_id,
        "lawyer_name": shift.lawyer_name,
        "lawyer_office": shift.lawyer_office,
        "languages": shift.languages,
        "window": shift.window,
        "date": shift.date.isoformat(),
        "start": shift.start_time.strftime("%H:%M"),
        "end": shift.end_time.strftime("%H:%M"),
    }


@transaction.atomic
def duty_shift_create(
    *,
    station: Station,
    date: date,
    start_time,
    end_time,
    actor,
    officer=None,
    lawyer_name: str = "",
    lawyer_office: str = "",
    languages=(),
    window: str = "",
    repeat_of: DutyShift | None = None,
) -> DutyShift:
    """Put an officer or a lawyer on duty at a station's window; the same person never twice at once."""
    role_require(actor, "duty.change", station_id=station.pk if station else None)
    shift = DutyShift(
        officer=officer,
        station=station,
        date=date,
        start_time=start_time,
        end_time=end_time,
        lawyer_name=(lawyer_name or "").strip(),
        lawyer_office=(lawyer_office or "").strip(),
        languages=_languages_clean(languages),
        window=(window or "").strip(),
    )
    _shift_check(shift, today=timezone.localdate())
    shift.save()
    data = _shift_data(shift)
    if repeat_of is not None:
        data["repeat_of"] = repeat_of.pk
    event_record(subject=shift, verb="duty_shift_create", actor=actor, station=station, data=data)
    return shift


@transaction.atomic
def duty_shift_change(
    *,
    shift: DutyShift,
    actor,
    date: date,
    start_time,
    end_time,
    officer=None,
    lawyer_name: str = "",
    lawyer_office: str = "",
    languages=(),
    window: str = "",
) -> DutyShift:
    """Change a coming shift (the station stays: a shift elsewhere is a new one)."""
    shift = DutyShift.objects.select_for_update().select_related("station").get(pk=shift.pk)
    role_require(actor, "duty.change", station_id=shift.station_id)
    today = timezone.localdate()
    if shift.date < today:
        raise InvalidInput(_("A shift on a past day cannot be set or changed."), code="shift_past", field="date")
    before = _shift_data(shift)
    shift.officer = officer
    shift.date, shift.start_time, shift.end_time = date, start_time, end_time
    shift.lawyer_name = (lawyer_name or "").strip()
    shift.lawyer_office = (lawyer_office or "").strip()
    shift.languages = _languages_clean(languages)
    shift.window = (window or "").strip()
    _shift_check(shift, today=today)
    after = _shift_data(shift)
    if after == before:
        return shift
    shift.save()
    event_record(
        subject=shift,
        verb="duty_shift_change",
        actor=actor,
        station=shift.station,
        data={"before": before, "after": after},
    )
    return shift


@transaction.atomic
def duty_shift_remove(*, shift: DutyShift, actor) -> None:
    """Take a coming shift off the roster; the timeline keeps what it was."""
    shift = DutyShift.objects.select_for_update().select_related("station").get(pk=shift.pk)
    role_require(actor, "duty.change", station_id=shift.station_id)
    if shift.date < timezone.localdate():
        raise InvalidInput(_("A shift on a past day cannot be set or changed."), code="shift_past", field="date")
    event_record(subject=shift, verb="duty_shift_remove", actor=actor, station=shift.station, data=_shift_data(shift))
    shift.delete()


@transaction.atomic
def duty_shift_repeat_weekly(*, shift: DutyShift, weeks: int, actor) -> list[DutyShift]:
    """The same shift on the same weekday for the next `weeks` weeks: all of them, or none.

    A week where the person is already on duty at those hours refuses the whole repeat,
    so that the roster never holds half a plan.
    """
    shift = DutyShift.objects.select_related("station", "officer").get(pk=shift.pk)
    role_require(actor, "duty.change", station_id=shift.station_id)
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= REPEAT_WEEKS_MAX:
        raise InvalidInput(
            _("Please give a number of weeks from 1 to %(max)s.") % {"max": REPEAT_WEEKS_MAX},
            code="invalid_weeks",
            field="weeks",
        )
    created = []
    for week in range(1, weeks + 1):
        created.append(
            duty_shift_create(
                station=shift.station,
                date=shift.date + timedelta(weeks=week),
                start_time=shift.start_time,
                end_time=shift.end_time,
                officer=shift.officer,
                lawyer_name=shift.lawyer_name,
                lawyer_office=shift.lawyer_office,
                languages=shift.languages,
                window=shift.window,
                actor=actor,
                repeat_of=shift,
            )
        )
    event_record(
        subject=shift,
        verb="duty_shift_repeat",
        actor=actor,
        station=shift.station,
        data={"weeks": weeks, "shifts": [s.pk for s in created], "dates": [s.date.isoformat() for s in created]},
    )
    return created


def officer_on_duty(*, station: Station | None, now: datetime):
    """The rights officer on duty at `station` at `now` (a case without a station: at the market), else None.

    A station's case goes to its own window's officer only: when nobody is on duty
    there it waits, unassigned, in that station's queue (`case_list_queue`). A lawyer's
    shift takes no cases (a lawyer has no account); several officers on duty at once:
    the one whose shift started first (then lowest id).
    """
    local = timezone.localtime(now)
    if station is None:
        station = Station.objects.filter(kind=Station.Kind.MARKET, is_active=True).order_by("id").first()
        if station is None:
            return None
    shift = (
        DutyShift.objects.filter(
            station_id=station.pk,
            date=local.date(),
            start_time__lte=local.time(),
            end_time__gt=local.time(),
            officer__is_active=True,
            officer__role=Role.RIGHTS_OFFICER,
        )
        .select_related("officer")
        .order_by("start_time", "id")
        .first()
    )
    return shift.officer if shift is not None else None


# --- intake -----------------------------------------------------------------------


def _require_may_open(*, actor, workers, source: str) -> None:
    if source == "wages":
        return  # opened by the wage services for an overdue or disputed wage; they checked access (wages.escalation)
    if (
        getattr(actor, "is_authenticated", False)
        and len(workers) == 1
        and workers[0].user_id is not None
        and workers[0].user_id == actor.pk
    ):
        return  # the worker for themselves (kiosk, web)
    role_require(actor, "case.intake")


@transaction.atomic
def rights_case_open(
    *,
    workers,
    employer,
    kind: str,
    description: str,
    channel: str,
    actor,
    amount_claimed_fen: int = 0,
    station: Station | None = None,
    placement=None,
    source: str = "intake",
    now: datetime | None = None,
) -> RightsCase:
    """Take in a complaint and give it to the officer on duty (or leave it for all officers)."""
    now = now or timezone.now()
    workers = list(workers)
    _require_may_open(actor=actor, workers=workers, source=source)
    if not workers:
        raise InvalidInput(_("Please name at least one worker."), code="workers_required", field="workers")
    if employer is None:
        raise InvalidInput(_("Please name the employer."), code="employer_required", field="employer")
    if kind not in CaseKind.values:
        raise InvalidInput(_("Please choose the kind of complaint."), code="invalid_kind", field="kind")
    if channel not in Channel.values:
        raise InvalidInput(_("Unknown channel."), code="invalid_channel", field="channel")
    if source not in CASE_SOURCES:
        raise InvalidInput(_("Unknown source."), code="invalid_source", field="source")
    _check_amount(amount_claimed_fen, field="amount_claimed_fen")
    description = (description or "").strip()
    if not description:
        raise InvalidInput(_("Please describe what happened."), code="description_required", field="description")
    if kind == CaseKind.WAGE_ARREARS and amount_claimed_fen <= 0 and source != "wages":
        raise InvalidInput(_("Please give the unpaid amount."), code="amount_required", field="amount_claimed_fen")
    case = RightsCase(
        kind=kind,
        employer=employer,
        placement=placement,
        amount_claimed_fen=amount_claimed_fen,
        description=description,
        station=station,
        channel=channel,
        source=source,
        opened_at=now,
        opened_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        case.full_clean()
    except ValidationError as error:
        _raise_from_validation(error)
    case.save()
    case.workers.set(workers)
    event_record(
        subject=case,
        verb="case_open",
        actor=actor,
        to_state=case.status,
        station=station,
        channel=channel,
        data={
            "kind": kind,
            "amount_claimed_fen": amount_claimed_fen,
            "source": source,
            "workers": [w.pk for w in workers],
            "employer": employer.pk,
        },
    )
    officer = officer_on_duty(station=station, now=now)
    if officer is not None:
        RightsCase.objects.filter(pk=case.pk).update(assigned_to=officer)
        case.assigned_to = officer
        event_record(
            subject=case,
            verb="case_assign",
            actor=None,
            station=station,
            data={
                "officer": officer.pk,
                "officer_name": officer.get_full_name() or officer.username,
                "by": "duty_roster",
            },
        )
    _case_notify(
        case=case,
        step="open",
        message=_(
            "Lingong rights protection: your complaint no. %(case)s about %(employer)s has been taken in. "
            "An officer will call you. Questions: %(hotline)s."
        ),
    )
    return case


WAGE_REASON_TEXT = {
    "overdue": "Wages still unpaid after the due date and the reminders (opened automatically).",
    "receipt_denied": "The worker says a payment marked as made never arrived (opened automatically).",
}


@transaction.atomic
def rights_case_open_for_wage(
    *, wage, reason: str, evidence: dict, actor=None, channel: str = Channel.SYSTEM, now: datetime | None = None
):
    """Called when a wage is escalated (`lingong.lifecycle`): one open case per wage, with the evidence.

    An overdue wage (an objective fact of the ledger) also counts against the
    employer's credit; a denied receipt is a dispute and counts only if an officer upholds the case.
    """
    placement = wage.placement
    case = (
        RightsCase.objects.filter(placement=placement, kind=CaseKind.WAGE_ARREARS, source="wages")
        .exclude(status=CaseStatus.CLOSED)
        .first()
    )
    if case is None:
        outstanding = wage.owed_fen - wage.paid_fen
        case = rights_case_open(
            workers=[placement.worker],
            employer=placement.job.employer,
            kind=CaseKind.WAGE_ARREARS,
            description=WAGE_REASON_TEXT.get(reason, reason),
            amount_claimed_fen=outstanding if outstanding > 0 else wage.owed_fen,
            channel=channel if channel in Channel.values else Channel.SYSTEM,
            actor=actor,
            station=placement.station,
            placement=placement,
            source="wages",
            now=now,  # the sweep's moment: the officer on duty then takes it, or it waits in the station's queue
        )
    event_record(
        subject=case,
        verb="case_wage_evidence",
        actor=actor,
        station=case.station,
        data={"wage": wage.pk, "reason": reason, "evidence": evidence},
    )
    if reason == "overdue":
        hooks.case_opened_for_overdue_wage.fire(case=case, wage=wage)
    return case


REASON_MAX = 300


@transaction.atomic
def rights_case_assign(*, case: RightsCase, officer, actor, reason: str = "") -> RightsCase:
    """Give a case to an officer; taking it from one officer to another needs a reason, kept on the timeline."""
    role_require(actor, "case.change")
    if officer is None or officer.role != Role.RIGHTS_OFFICER or not officer.is_active:
        raise InvalidInput(_("Cases can only be given to rights officers."), code="not_an_officer", field="officer")
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise InvalidInput(
            _("Please keep the reason short (at most %(max)s characters).") % {"max": REASON_MAX},
            code="invalid_reason",
            field="reason",
        )
    case = RightsCase.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.CLOSED:
        raise Conflict(_("This case is closed."), code="case_closed")
    if case.assigned_to_id == officer.pk:
        return case  # already there: nothing changes, nothing to record
    previous = case.assigned_to_id
    if previous is not None and not reason:
        raise InvalidInput(
            _("Please say why the case goes to another officer."), code="reason_required", field="reason"
        )
    RightsCase.objects.filter(pk=case.pk).update(assigned_to=officer, updated_at=timezone.now())
    case.assigned_to = officer
    event_record(
        subject=case,
        verb="case_assign",
        actor=actor,
        station=case.station,
        data={
            "officer": officer.pk,
            "officer_name": officer.get_full_name() or officer.username,
            "by": "hand",
            "from_officer": previous,
            "reason": reason,
        },
    )
    return case


@transaction.atomic
def rights_case_note(*, case: RightsCase, text: str, actor) -> None:
    """A line on the timeline: a phone call, a document received."""
    role_require(actor, "case.change")
    text = (text or "").strip()
    if not text or len(text) > 1000:
        raise InvalidInput(_("Please write the note (at most 1000 characters)."), code="invalid_note", field="text")
    case.refresh_from_db()
    if case.status == CaseStatus.CLOSED:
        raise Conflict(_("This case is closed."), code="case_closed")
    event_record(subject=case, verb="case_note", actor=actor, station=case.station, data={"text": text})


@transaction.atomic
def mediation_record(
    *,
    case: RightsCase,
    held_on: date,
    attendees: str,
    result: str,
    actor,
    amount_agreed_fen: int = 0,
    note: str = "",
) -> Mediation:
    """One mediation session; the first moves the case into mediation."""
    role_require(actor, "case.change")
    case.refresh_from_db()
    if case.status not in (CaseStatus.OPEN, CaseStatus.MEDIATING):
        raise Conflict(_("The outcome of this case is already recorded."), code="case_decided")
    if result not in MediationResult.values:
        raise InvalidInput(_("Please choose the result."), code="invalid_result", field="result")
    _check_amount(amount_agreed_fen, field="amount_agreed_fen")
    mediation = Mediation(
        case=case,
        held_on=held_on,
        attendees=(attendees or "").strip(),
        result=result,
        amount_agreed_fen=amount_agreed_fen,
        note=(note or "").strip(),
        recorded_by=actor,
    )
    try:
        mediation.full_clean()
    except ValidationError as error:
        _raise_from_validation(error)
    mediation.save()
    if case.status == CaseStatus.OPEN:
        status_transition(
            case,
            transitions=CASE_TRANSITIONS,
            to=CaseStatus.MEDIATING,
            verb="case_mediation_start",
            actor=actor,
            station=case.station,
        )
        _case_notify(
            case=case,
            step="mediation",
            message=_(
                "Lingong rights protection: your complaint no. %(case)s about %(employer)s is in mediation "
                "(first meeting %(date)s)."
            ),
            params={"date": held_on.isoformat()},
        )
    event_record(
        subject=case,
        verb="mediation_record",
        actor=actor,
        station=case.station,
        data={
            "mediation": mediation.pk,
            "held_on": held_on.isoformat(),
            "attendees": mediation.attendees,
            "result": result,
            "amount_agreed_fen": amount_agreed_fen,
        },
    )
    return mediation


@transaction.atomic
def rights_case_decide(
    *,
    case: RightsCase,
    outcome: str,
    actor,
    amount_recovered_fen: int = 0,
    note: str = "",
    now: datetime | None = None,
) -> RightsCase:
    """Record the outcome (a person decides: an officer). An upheld case counts against the employer's credit."""
    role_require(actor, "case.change")
    now = now or timezone.now()
    case.refresh_from_db()
    if outcome not in CaseOutcome.values:
        raise InvalidInput(_("Please choose the outcome."), code="invalid_outcome", field="outcome")
    _check_amount(amount_recovered_fen, field="amount_recovered_fen")
    if outcome == CaseOutcome.RECOVERED and amount_recovered_fen <= 0:
        raise InvalidInput(_("Please give the amount recovered."), code="amount_required", field="amount_recovered_fen")
    if outcome in (CaseOutcome.WITHDRAWN, CaseOutcome.REJECTED) and amount_recovered_fen:
        raise InvalidInput(
            _("Nothing is recovered for a withdrawn or rejected case."),
            code="amount_not_allowed",
            field="amount_recovered_fen",
        )
    note = (note or "").strip()[:500]
    status_transition(
        case,
        transitions=CASE_TRANSITIONS,
        to=CaseStatus.DECIDED,
        verb="case_decide",
        actor=actor,
        station=case.station,
        data={"outcome": outcome, "amount_recovered_fen": amount_recovered_fen, "note": note},
    )
    RightsCase.objects.filter(pk=case.pk).update(
        outcome=outcome, amount_recovered_fen=amount_recovered_fen, outcome_note=note, decided_at=now
    )
    case.outcome, case.amount_recovered_fen, case.outcome_note, case.decided_at = (
        outcome,
        amount_recovered_fen,
        note,
        now,
    )
    _case_notify(
        case=case,
        step="decide",
        message=_(
            "Lingong rights protection: your complaint no. %(case)s about %(employer)s has an outcome: %(outcome)s. "
            "Recovered: %(yuan)s yuan. Questions: %(hotline)s."
        ),
        params={"outcome": CaseOutcome(outcome).label, "yuan": format_yuan(amount_recovered_fen)},
    )
    if case.is_upheld:
        hooks.case_upheld.fire(case=case, now=now)
    return case


@transaction.atomic
def rights_case_close(*, case: RightsCase, actor, now: datetime | None = None) -> RightsCase:
    role_require(actor, "case.change")
    now = now or timezone.now()
    case.refresh_from_db()
    status_transition(
        case, transitions=CASE_TRANSITIONS, to=CaseStatus.CLOSED, verb="case_close", actor=actor, station=case.station
    )
    RightsCase.objects.filter(pk=case.pk).update(closed_at=now)
    case.closed_at = now
    return case


@transaction.atomic
def rights_case_evidence_export(*, case: RightsCase, actor, now: datetime | None = None) -> bytes:
    """The evidence file as PDF; the export itself goes on the timeline (who took a copy, when)."""
    from .evidence import evidence_pdf  # noqa: PLC0415  WeasyPrint loads only in processes that print

    role_require(actor, "case.view")
    now = now or timezone.now()
    event_record(subject=case, verb="case_evidence_export", actor=actor, station=case.station)
    return evidence_pdf(case=case, now=now)
