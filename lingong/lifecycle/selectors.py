"""The worker's own work across the placement's life (kiosk and worker door): hire, agreement, wage.

Every look-up is scoped to the worker: another worker's placement, agreement,
wage or credit entry is simply not found (404), never "not allowed".
"""

from __future__ import annotations

from dataclasses import dataclass

from lingong.agreements.models import Agreement, AgreementStatus
from lingong.agreements.selectors import agreements_current_for_placements
from lingong.core.errors import NotFound, id_from_input
from lingong.jobs.models import PlacementStatus
from lingong.jobs.selectors import placement_list_for_worker
from lingong.wages.models import WagePayment, WageStatus

SIGNABLE = (AgreementStatus.DRAFT, AgreementStatus.EMPLOYER_SIGNED)


@dataclass
class WorkRow:
    placement: object
    confirmation: object | None
    agreement: Agreement | None
    wage: WagePayment | None
    rated: bool

    @property
    def may_confirm(self) -> bool:
        return (
            self.placement.status == PlacementStatus.ACTIVE
            and self.confirmation is not None
            and self.confirmation.status == "pending"
        )

    @property
    def may_sign(self) -> bool:
        return self.agreement is not None and self.agreement.status in SIGNABLE

    @property
    def wage_to_answer(self) -> bool:
        return self.wage is not None and self.wage.status == WageStatus.PAID

    @property
    def may_rate(self) -> bool:
        return self.placement.status == PlacementStatus.COMPLETED and not self.rated


def my_work_for_worker(*, worker) -> list[WorkRow]:
    """Each hire with what the worker may do about it now, newest first."""
    placements = list(
        placement_list_for_worker(worker=worker).select_related("confirmation", "wage").prefetch_related("ratings")
    )
    agreements = agreements_current_for_placements(placements=placements)
    rows = []
    for placement in placements:
        wage = getattr(placement, "wage", None)
        rows.append(
            WorkRow(
                placement=placement,
                confirmation=getattr(placement, "confirmation", None),
                agreement=agreements.get(placement.pk),
                wage=None if wage is None or wage.status == WageStatus.CANCELLED else wage,
                rated=any(r.side == "worker" for r in placement.ratings.all()),
            )
        )
    return rows


def placement_of_worker(*, worker, placement_id):
    placement = placement_list_for_worker(worker=worker).filter(pk=id_from_input(placement_id)).first()
    if placement is None:
        raise NotFound()
    return placement


def agreement_of_worker(*, worker, agreement_id) -> Agreement:
    agreement = (
        Agreement.objects.select_related("placement__worker", "placement__job__employer")
        .filter(pk=id_from_input(agreement_id), placement__worker=worker)
        .first()
    )
    if agreement is None:
        raise NotFound()
    return agreement


def wage_of_worker(*, worker, wage_id) -> WagePayment:
    wage = (
        WagePayment.objects.select_related("placement__worker", "placement__job__employer")
        .filter(pk=id_from_input(wage_id), placement__worker=worker)
        .first()
    )
    if wage is None:
        raise NotFound()
    return wage


def arrears_choices_for_worker(*, worker, limit: int = 4) -> list:
    """The worker's latest hires (not cancelled), one per employer, to pick whom a wage complaint is about."""
    seen, chosen = set(), []
    for placement in placement_list_for_worker(worker=worker).exclude(status=PlacementStatus.CANCELLED):
        if placement.job.employer_id in seen:
            continue
        seen.add(placement.job.employer_id)
        chosen.append(placement)
        if len(chosen) == limit:
            break
    return chosen


def rights_window_for_station(*, station):
    """The station's rights window, else none (the hotline is then the way)."""
    if station is None:
        return None
    return station.windows.filter(service="rights").order_by("number").first()
