from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _role_groups_resync(sender, using="default", **kwargs):
    """After each app's migrate: models added since the data migration join their roles' groups."""
    # Models load after the app registry, so not at the top of apps.py.
    from django.contrib.auth.models import Group, Permission  # noqa: PLC0415

    from .roles import role_groups_sync  # noqa: PLC0415

    role_groups_sync(group_model=Group, permission_model=Permission)


class AccountsConfig(AppConfig):
    name = "lingong.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        post_migrate.connect(_role_groups_resync, dispatch_uid="lingong.accounts.role_groups")
        from .sessions import session_clock_start  # noqa: PLC0415  it imports models: after the registry

        user_logged_in.connect(session_clock_start, dispatch_uid="lingong.accounts.session_clock")
