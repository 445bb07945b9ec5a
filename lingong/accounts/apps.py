import axes.apps
import django_otp.plugins.otp_totp.apps
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


class AxesConfig(axes.apps.AppConfig):
    """django-axes under a translated name; its label (`axes`), models and migrations stay axes' own."""

    verbose_name = _("Sign-in security")

    def ready(self):
        super().ready()
        from axes.admin import AccessAttemptAdmin  # noqa: PLC0415  it imports axes' models: after the registry

        AccessAttemptAdmin.status.short_description = _("Status")  # a column named after its method


class TOTPConfig(django_otp.plugins.otp_totp.apps.DefaultConfig):
    """django-otp's TOTP plugin under a translated name (label `otp_totp`, its migrations unchanged).

    TOTPDevice's verbose_name is a plain English string, so it is replaced here with a lazy translation.
    Only `_meta.verbose_name(_plural)` change, not `_meta.original_attrs`, which migrations read: the
    migration state stays the package's own (`makemigrations --check` finds nothing).
    """

    verbose_name = _("Second step of sign-in")  # the name the console gives it

    def ready(self):
        super().ready()
        device = self.get_model("TOTPDevice")
        device._meta.verbose_name = _("authenticator app")
        device._meta.verbose_name_plural = _("authenticator apps")
