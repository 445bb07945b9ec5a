from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _role_groups_resync(sender, using="default", **kwargs):
    """After migrate (and after a test's flush): models added since the data migration join their roles' groups.

    Django sends post_migrate once for each app, after making that app's permissions: the groups are synced once,
    after the last app's. (Once per app, it was 33 syncs, 0.7 s of every transactional test's teardown.)"""
    from django.apps import apps  # noqa: PLC0415

    if sender is not [config for config in apps.get_app_configs() if config.models_module is not None][-1]:
        return
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
