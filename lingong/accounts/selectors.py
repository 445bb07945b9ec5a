"""The one table of who may do what; every access check goes through here.

A rule names the roles allowed and whether station staff are limited to
objects of their own station. Object selectors in each app
(`access_worker`, `access_job`, …) pass the object's station to `role_allows`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lingong.core.errors import NotAllowed

from .models import Role

_STAFF_READ = frozenset({Role.STATION_STAFF, Role.RIGHTS_OFFICER, Role.DISTRICT_ADMIN, Role.AUDITOR})


@dataclass(frozen=True)
class Rule:
    roles: frozenset
    station_scoped: bool = False  # station staff: only objects of their station


RULES: dict[str, Rule] = {
    "worker.view": Rule(_STAFF_READ),
    "worker.change": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN}), station_scoped=True),
    "worker.register": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN})),
    "worker.reveal": Rule(
        frozenset({Role.STATION_STAFF, Role.RIGHTS_OFFICER, Role.DISTRICT_ADMIN}), station_scoped=True
    ),
    "employer.view": Rule(_STAFF_READ),
    "employer.change": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN}), station_scoped=True),
    "employer.verify": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN}), station_scoped=True),
    "employer.reveal": Rule(
        frozenset({Role.STATION_STAFF, Role.RIGHTS_OFFICER, Role.DISTRICT_ADMIN}), station_scoped=True
    ),
    "job.view": Rule(_STAFF_READ),
    "job.change": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN}), station_scoped=True),
    "job.review": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN}), station_scoped=True),
    "application.change": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN}), station_scoped=True),
    "audit.view": Rule(frozenset({Role.DISTRICT_ADMIN, Role.AUDITOR})),
    "station.change": Rule(frozenset({Role.DISTRICT_ADMIN})),
    # postings gathered from other platforms (lingong/aggregation): sources are the bureau's, the trade queue anyone's who posts
    "import.view": Rule(_STAFF_READ),
    "import.manage": Rule(frozenset({Role.DISTRICT_ADMIN})),
    "trade_mapping.review": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN})),
    "dispatch.run": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN}), station_scoped=True),
    # after the hire: confirmation, attendance, agreement, wages (lingong/attendance, agreements, wages)
    "attendance.view": Rule(_STAFF_READ),
    "attendance.record": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN}), station_scoped=True),
    "attendance.decide": Rule(
        frozenset({Role.STATION_STAFF, Role.RIGHTS_OFFICER, Role.DISTRICT_ADMIN}), station_scoped=True
    ),
    "agreement.view": Rule(_STAFF_READ),
    "agreement.sign_assist": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN}), station_scoped=True),
    "wage.view": Rule(_STAFF_READ),
    "wage.change": Rule(frozenset({Role.STATION_STAFF, Role.RIGHTS_OFFICER, Role.DISTRICT_ADMIN}), station_scoped=True),
    # rights cases, follow-ups, credit (lingong/rights, followups, credit)
    "case.view": Rule(frozenset({Role.RIGHTS_OFFICER, Role.DISTRICT_ADMIN, Role.AUDITOR})),
    "case.change": Rule(frozenset({Role.RIGHTS_OFFICER, Role.DISTRICT_ADMIN})),
    "case.intake": Rule(frozenset({Role.STATION_STAFF, Role.RIGHTS_OFFICER, Role.DISTRICT_ADMIN})),
    # the rights windows' duty roster (lingong/rights): every back-office role reads it; the station's
    # own staff (who run the station) and the rights officers keep it
    "duty.view": Rule(_STAFF_READ),
    "duty.change": Rule(frozenset({Role.STATION_STAFF, Role.RIGHTS_OFFICER, Role.DISTRICT_ADMIN}), station_scoped=True),
    "followup.view": Rule(_STAFF_READ),
    "followup.change": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN}), station_scoped=True),
    "credit.view": Rule(_STAFF_READ),
    "appeal.decide": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN}), station_scoped=True),
    "appeal.file": Rule(frozenset({Role.STATION_STAFF, Role.RIGHTS_OFFICER, Role.DISTRICT_ADMIN})),
    "credit.void": Rule(frozenset({Role.STATION_STAFF, Role.RIGHTS_OFFICER, Role.DISTRICT_ADMIN})),
    # a person at a kiosk called staff (lingong/kiosk): seen and answered at the kiosk's station
    "staff_call.view": Rule(_STAFF_READ, station_scoped=True),
    "staff_call.answer": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN}), station_scoped=True),
    # the station's news and photos on its screens (lingong/boards)
    "notice.change": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN}), station_scoped=True),
    # the kiosk's voice: recordings are shared by every station's kiosks
    "voice.record": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN})),
    "voice.approve": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN})),
    # the outbox of messages (lingong/notifications): station staff see their station's
    "notification.view": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN}), station_scoped=True),
    # the district's figures (lingong/stats): every back-office role sees the district totals;
    # a station's own breakdown only its staff (and the roles that see every station)
    # skills training (lingong/training): courses and sessions, bookings for a worker, attendance and certificates
    "training.view": Rule(_STAFF_READ),
    "training.change": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN}), station_scoped=True),
    "training.book": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN})),
    "training.attend": Rule(frozenset({Role.STATION_STAFF, Role.DISTRICT_ADMIN}), station_scoped=True),
    "stats.view": Rule(_STAFF_READ),
    "stats.station": Rule(_STAFF_READ, station_scoped=True),
    # policy consultation (lingong/policy): staff who know the rules write the articles; a rights officer or
    # the district administrator, never the writer, approves them; the windows log what people asked
    "policy.view": Rule(_STAFF_READ),
    "policy.edit": Rule(frozenset({Role.STATION_STAFF, Role.RIGHTS_OFFICER, Role.DISTRICT_ADMIN})),
    "policy.approve": Rule(frozenset({Role.RIGHTS_OFFICER, Role.DISTRICT_ADMIN})),
    "consultation.view": Rule(_STAFF_READ, station_scoped=True),
    "consultation.log": Rule(
        frozenset({Role.STATION_STAFF, Role.RIGHTS_OFFICER, Role.DISTRICT_ADMIN}), station_scoped=True
    ),
}


def role_allows(user, action: str, *, station_id: int | None = None) -> bool:
    """True when the user's role (and station, for station staff) allows `action`."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    rule = RULES[action]
    if user.role not in rule.roles:
        return False
    if rule.station_scoped and user.role == Role.STATION_STAFF:
        return station_id is not None and station_id == user.station_id
    return True


def role_require(user, action: str, *, station_id: int | None = None) -> None:
    if not role_allows(user, action, station_id=station_id):
        raise NotAllowed()
