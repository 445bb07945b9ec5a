"""What each back-office role may see in the Django admin.

The admin only reads: every change goes through the services (see
`lingong.accounts.admin.ServicesOnlyAdmin`), so a role's admin permissions are
`view_*` permissions only. Each role has a group of the same name, made by a
data migration and kept in step after every `migrate`; a user's role alone
decides their permissions (`RolePermissionBackend`), so nobody has to add
people to groups by hand.
"""

from __future__ import annotations

from .models import Role

# Models each role may read in the admin; "*" is every Lingong model.
ROLE_ADMIN_VIEWS: dict[str, tuple[str, ...]] = {
    Role.DISTRICT_ADMIN: ("*",),
    Role.AUDITOR: ("*",),
    Role.STATION_STAFF: (
        "workers.worker",
        "workers.workertrade",
        "workers.consent",
        "employers.employer",
        "jobs.job",
        "jobs.application",
        "jobs.placement",
        "calls.callrecord",
        "followups.followup",
        "stations.station",
        "stations.kiosk",
        "kiosk.staffcallrequest",
        "notifications.notification",
        "training.trainingcourse",
        "training.trainingsession",
        "training.trainingbooking",
        "policy.policyarticle",
        "policy.policyarticleversion",
        "policy.consultation",
    ),
    Role.RIGHTS_OFFICER: (
        "workers.worker",
        "employers.employer",
        "jobs.job",
        "jobs.application",
        "jobs.placement",
        "rights.rightscase",
        "rights.mediation",
        "rights.dutyshift",
        "wages.wagepayment",
        "policy.policyarticle",
        "policy.policyarticleversion",
        "policy.consultation",
    ),
}
# Apps whose models are never shown to a role through "*" (people's accounts, sessions).
NOT_FOR_ROLES = ("auth", "accounts", "sessions", "admin", "contenttypes")


def role_group_name(role: str) -> str:
    return f"role:{role}"


def role_groups_sync(*, group_model, permission_model) -> None:
    """Make each role's group hold exactly its view permissions (idempotent)."""
    for role, labels in ROLE_ADMIN_VIEWS.items():
        views = permission_model.objects.filter(codename__startswith="view_")
        if labels == ("*",):
            wanted = views.exclude(content_type__app_label__in=NOT_FOR_ROLES)
        else:
            pairs = [label.split(".") for label in labels]
            wanted = views.none()
            for app_label, model in pairs:
                wanted = wanted | views.filter(content_type__app_label=app_label, content_type__model=model)
        group, _created = group_model.objects.get_or_create(name=role_group_name(role))
        group.permissions.set(list(wanted))
