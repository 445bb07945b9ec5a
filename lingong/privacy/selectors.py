"""A person's data, all of it, as they may take it away: every row that points to them.

The rows are found through the models' relations (whatever points to the
worker or employer, and what hangs off their placements and wages), so a
table added later is in the copy without anyone remembering to add it.
Sealed values and their digests stay out; the person's own ID number and
phone are opened for them (the access is logged by the service); other
people appear as the screens show them (masked).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from lingong.calls.models import CallRecord
from lingong.core.crypto import unseal
from lingong.core.models import Event
from lingong.core.selectors import event_list_for_subject
from lingong.employers.models import Employer
from lingong.followups.models import FollowUp
from lingong.jobs.models import Job, Placement
from lingong.notifications.models import Notification
from lingong.wages.models import WagePayment
from lingong.workers.models import Worker

from .models import DataRequest

HIDDEN_SUFFIXES = ("_sealed", "_digest")
HIDDEN_FIELDS = frozenset({"password", "placement_seq", "payload_sealed", "dedupe_key", "code_hash"})
# Followed further, in this order, because it is the person's own: a worker's placements (agreement,
# attendance, wage, follow-ups …) and wages (their ledger); an employer's jobs (candidates, hires), their
# placements and wages.
OWNED_THROUGH = {Worker: (Placement, WagePayment), Employer: (Job, Placement, WagePayment)}
# Rows about the other party that are not the employer's: staff's calls and follow-up calls with the worker.
NOT_THE_EMPLOYERS = frozenset({CallRecord, FollowUp})


@dataclass
class Section:
    title: str
    rows: list[dict] = field(default_factory=list)


def _display(obj, f: models.Field):
    if f.choices:
        return str(getattr(obj, f"get_{f.name}_display")())
    value = getattr(obj, f.name)
    if isinstance(f, models.ForeignKey):
        return "" if value is None else str(value)
    return value


def _row(obj) -> dict:
    return {
        str(f.verbose_name): _display(obj, f)
        for f in obj._meta.concrete_fields
        if not f.name.endswith(HIDDEN_SUFFIXES) and f.name not in HIDDEN_FIELDS and not f.primary_key
    }


def _reverse_relations(model):
    for rel in model._meta.related_objects:
        if rel.one_to_many or rel.one_to_one or rel.many_to_many:
            yield rel


def _related_sections(subject_model, subjects: list, skip: set) -> dict[type, list]:
    """Rows of every model that points to `subjects` (their own model's instances), by model."""
    found: dict[type, list] = {}
    for rel in _reverse_relations(subject_model):
        model = rel.related_model
        if model in skip or model is DataRequest:
            continue
        lookup = f"{rel.field.name}__in"
        rows = list(model._default_manager.filter(**{lookup: subjects}).distinct().order_by("pk"))
        if rows:
            found.setdefault(model, []).extend(rows)
    return found


def _sections_for(subject) -> list[Section]:
    skip = {Worker, Employer} | (NOT_THE_EMPLOYERS if isinstance(subject, Employer) else set())
    by_model = _related_sections(type(subject), [subject], skip=set())
    for owner in OWNED_THROUGH[type(subject)]:  # further, only through what is the person's own
        owned = by_model.get(owner, [])
        if owned:
            for model, rows in _related_sections(owner, owned, skip=skip).items():
                by_model.setdefault(model, [])
                by_model[model].extend(r for r in rows if r not in by_model[model])
    sections = [
        Section(title=str(model._meta.verbose_name_plural), rows=[_row(r) for r in rows])
        for model, rows in by_model.items()
    ]
    if subject.user_id:
        messages = Notification.objects.filter(user_id=subject.user_id).order_by("pk")
        sections.append(Section(title=str(Notification._meta.verbose_name_plural), rows=[_row(n) for n in messages]))
    timeline = event_list_for_subject(subject=subject)
    sections.append(
        Section(
            title=str(Event._meta.verbose_name_plural),
            rows=[{"time": e.created_at, "what": e.verb_label, "channel": e.get_channel_display()} for e in timeline],
        )
    )
    return sections


def personal_data_of_worker(*, worker: Worker) -> list[Section]:
    """Everything held about this worker; the first section is their profile with the ID number and phone opened."""
    profile = _row(worker)
    profile[str(Worker._meta.get_field("id_number_masked").verbose_name)] = unseal(
        worker.id_number_sealed, purpose="id_number"
    )
    profile[str(Worker._meta.get_field("phone_masked").verbose_name)] = unseal(worker.phone_sealed, purpose="phone")
    return [Section(title=str(Worker._meta.verbose_name), rows=[profile]), *_sections_for(worker)]


def personal_data_of_employer(*, employer: Employer) -> list[Section]:
    """Everything held about this employer, with their own ID number (if a person) and phone opened."""
    profile = _row(employer)
    if employer.id_number_sealed:
        profile[str(Employer._meta.get_field("id_number_masked").verbose_name)] = unseal(
            employer.id_number_sealed, purpose="id_number"
        )
    profile[str(Employer._meta.get_field("contact_phone_masked").verbose_name)] = unseal(
        employer.contact_phone_sealed, purpose="phone"
    )
    return [Section(title=str(Employer._meta.verbose_name), rows=[profile]), *_sections_for(employer)]


def data_request_list_for(*, subject) -> list[DataRequest]:
    """The person's requests about their data (copies, deletion, consent), newest first, for the window."""
    field = "worker" if isinstance(subject, Worker) else "employer"
    return list(DataRequest.objects.filter(**{field: subject}).select_related("actor").order_by("-requested_at")[:20])
