"""The evidence file of a case as one PDF (WeasyPrint): agreement, attendance, wages, timeline.

Each section reads another app's models when that app has them, and says
plainly when something is not available, so the officer knows what is missing.
Fonts: `lingong.core.pdf` (the packaged Noto Sans SC / Noto Serif Tibetan, prepared once).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from lingong.agreements.selectors import agreement_current_for_placement
from lingong.attendance.models import AttendanceRecord
from lingong.core.money import format_yuan, format_yuan_with_unit
from lingong.core.pdf import pdf_render
from lingong.core.selectors import event_list_for_subject
from lingong.jobs.models import Placement
from lingong.wages.models import WageLedgerEntry, WagePayment


@dataclass
class Section:
    title: str
    available: bool = True
    note: str = ""
    rows: list = field(default_factory=list)
    text: str = ""


def _case_placements(case):
    if case.placement_id:
        return [case.placement]
    return list(
        Placement.objects.filter(worker__in=case.workers.all(), job__employer=case.employer)
        .select_related("job", "worker")
        .order_by("start_date", "id")[:20]
    )


def _local(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _agreement_section(placements) -> Section:
    section = Section(title=_("Agreement"))
    for placement in placements:
        agreement = agreement_current_for_placement(placement=placement)
        if agreement is None:
            section.rows.append({"placement": placement.pk, "text": _("No agreement was made for this placement.")})
            continue
        section.rows.append(
            {
                "placement": placement.pk,
                "version": agreement.version,
                "status": agreement.get_status_display(),
                "worker_signed_at": _local(agreement.worker_signed_at),
                "employer_signed_at": _local(agreement.employer_signed_at),
                "pay_due_date": agreement.pay_due_date.isoformat(),
                "text": strip_tags(agreement.content).strip(),
            }
        )
    if not placements:
        section.note = _("No placement is linked to this case, so no agreement is included.")
    return section


def _attendance_section(placements) -> Section:
    section = Section(title=_("Attendance log"))
    for record in AttendanceRecord.objects.filter(placement__in=placements).order_by("placement_id", "day"):
        section.rows.append(
            {
                "placement": record.placement_id,
                "day": record.day.isoformat(),
                "status": record.get_status_display(),
                "check_in": _local(record.check_in_at),
                "check_out": _local(record.check_out_at),
                "hours": f"{record.minutes / 60:.1f}",
            }
        )
    if not section.rows:
        section.note = _("No attendance was recorded.")
    return section


def _wage_section(placements) -> Section:
    section = Section(title=_("Wage records"))
    for wage in WagePayment.objects.filter(placement__in=placements).order_by("placement_id"):
        section.rows.append(
            {
                "placement": wage.placement_id,
                "status": wage.get_status_display(),
                "due": wage.due_date.isoformat(),
                "owed": format_yuan_with_unit(wage.owed_fen),
                "paid": format_yuan_with_unit(wage.paid_fen),
                "outstanding": format_yuan_with_unit(wage.outstanding_fen),
                "entries": [
                    {
                        "when": _local(e.occurred_at),
                        "kind": e.get_kind_display(),
                        "amount": format_yuan(e.amount_fen),
                        "reason": e.reason,
                    }
                    for e in WageLedgerEntry.objects.filter(wage=wage).order_by("occurred_at", "id")
                ],
            }
        )
    if not section.rows:
        section.note = _("No wage record exists.")
    return section


def _timeline_rows(case) -> list[dict]:
    rows = []
    for event in event_list_for_subject(subject=case).select_related("actor"):
        actor = (event.actor.get_full_name() or event.actor.username) if event.actor else _("System")
        detail = ", ".join(f"{k}: {v}" for k, v in sorted(event.data.items()) if k not in ("workers", "evidence"))
        rows.append(
            {
                "when": _local(event.created_at),
                "verb": event.verb_label,
                "actor": actor,
                "change": f"{event.from_state_label or '—'} → {event.to_state_label}" if event.to_state else "",
                "detail": detail,
            }
        )
    return rows


def evidence_context(*, case, now: datetime) -> dict:
    placements = _case_placements(case)
    return {
        "case": case,
        "workers": list(case.workers.all()),
        "claimed": format_yuan_with_unit(case.amount_claimed_fen),
        "recovered": format_yuan_with_unit(case.amount_recovered_fen),
        "placements": placements,
        "sections": [_agreement_section(placements), _attendance_section(placements), _wage_section(placements)],
        "mediations": list(case.mediations.all()),
        "timeline": _timeline_rows(case),
        "generated_at": _local(now),
    }


def evidence_pdf(*, case, now: datetime) -> bytes:
    context = evidence_context(case=case, now=now)
    return pdf_render(
        lambda faces, families: render_to_string(
            "rights/evidence.html", {**context, "font_faces": faces, "font_families": families}
        )
    )
