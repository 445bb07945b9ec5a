"""Reads of agreements, with access checks; and the public verification."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lingong.accounts.selectors import role_allows
from lingong.core.errors import NotAllowed, NotFound

from .models import Agreement, AgreementStatus
from .terms import content_sha256


def agreement_current_for_placement(*, placement) -> Agreement | None:
    """The version in force: the newest signed one, else the newest one."""
    return agreements_current_for_placements(placements=[placement]).get(placement.pk)


def agreements_current_for_placements(*, placements) -> dict[int, Agreement]:
    """The version in force of each placement (one query): {placement id: agreement}."""
    current: dict[int, Agreement] = {}
    versions = (
        Agreement.objects.filter(placement__in=[p.pk for p in placements])
        .exclude(status=AgreementStatus.VOID)
        .order_by("placement_id", "-version")
    )
    for agreement in versions:
        held = current.get(agreement.placement_id)
        # Newest first: keep the first seen, unless a signed one comes after an unsigned one.
        if held is None or (held.status != AgreementStatus.SIGNED and agreement.status == AgreementStatus.SIGNED):
            current[agreement.placement_id] = agreement
    return current


def access_agreement(*, user, agreement_id: int) -> Agreement:
    """The worker and the employer of the placement, and staff who may view agreements."""
    agreement = (
        Agreement.objects.select_related("placement__worker", "placement__job__employer")
        .filter(pk=agreement_id)
        .first()
    )
    if agreement is None:
        raise NotFound()
    placement = agreement.placement
    uid = getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
    if uid is not None and uid in (placement.worker.user_id, placement.job.employer.user_id):
        return agreement
    if role_allows(user, "agreement.view", station_id=placement.job.station_id):
        return agreement
    raise NotAllowed()


@dataclass(frozen=True)
class Verification:
    """What the public verify page may show: no personal data beyond the masked numbers in the text."""

    public_id: str
    number: str
    version: int
    status: str
    status_label: str
    content_sha256: str
    intact: bool  # the stored content still hashes to the stored fingerprint, as both signed
    worker_signed_at: datetime | None
    employer_signed_at: datetime | None
    superseded_by_version: int | None
    employer_name: str
    worker_id_masked: str


def agreement_verify(*, public_id) -> Verification:
    agreement = Agreement.objects.filter(public_id=public_id).first()
    if agreement is None:
        raise NotFound()
    digest = content_sha256(agreement.content)
    signed_hashes = [h for h in (agreement.worker_signed_sha256, agreement.employer_signed_sha256) if h]
    intact = digest == agreement.content_sha256 and all(h == digest for h in signed_hashes)
    amendment = Agreement.objects.filter(previous=agreement).first()
    return Verification(
        public_id=str(agreement.public_id),
        number=agreement.terms.get("number", ""),
        version=agreement.version,
        status=agreement.status,
        status_label=str(agreement.get_status_display()),
        content_sha256=agreement.content_sha256,
        intact=intact,
        worker_signed_at=agreement.worker_signed_at,
        employer_signed_at=agreement.employer_signed_at,
        superseded_by_version=amendment.version
        if amendment and agreement.status == AgreementStatus.SUPERSEDED
        else None,
        employer_name=agreement.terms.get("employer_name", ""),
        worker_id_masked=agreement.terms.get("worker_id", ""),
    )
