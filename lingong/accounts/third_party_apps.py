"""The installed third-party apps under translated names (INSTALLED_APPS names these classes).

Not in `apps.py`: Django picks an app's default AppConfig there only when it is the module's one subclass.
Each keeps the package's `name` and `label` (`axes`, `otp_totp`), so tables, permissions and migrations
are the package's own (docs/translation.md, "Third-party apps").
"""

import axes.apps
import django_otp.plugins.otp_totp.apps
from django.utils.translation import gettext_lazy as _


class AxesConfig(axes.apps.AppConfig):
    """django-axes under a translated name; its label (`axes`), models and migrations stay axes' own."""

    verbose_name = _("Sign-in security")

    def ready(self):
        super().ready()
        from axes.admin import AccessAttemptAdmin  # noqa: PLC0415  it imports axes' models: after the registry

        AccessAttemptAdmin.status.short_description = _("Status")  # a column named after its method


class TOTPConfig(django_otp.plugins.otp_totp.apps.DefaultConfig):
    """django-otp's TOTP plugin under a translated name (label `otp_totp`, its migrations unchanged).

    TOTPDevice's verbose_name and its changelist's column names are plain English strings, so they are
    replaced here with lazy translations. Only `_meta.verbose_name(_plural)` and the fields' `verbose_name`
    change, not `_meta.original_attrs` nor the fields' `_verbose_name`, which migrations read: the migration
    state stays the package's own (`makemigrations --check` finds nothing).
    """

    verbose_name = _("Second step of sign-in")  # the name the console gives it

    def ready(self):
        super().ready()
        device = self.get_model("TOTPDevice")
        device._meta.verbose_name = _("authenticator app")
        device._meta.verbose_name_plural = _("authenticator apps")
        # The changelist's columns and filters: plain field names in django-otp. A field's `verbose_name` set
        # here is not its `_verbose_name`, which migrations read: the migration state stays the same.
        for name, label in (
            ("user", _("user")),
            ("name", _("name")),
            ("confirmed", _("Confirmed")),
            ("created_at", _("created at")),
            ("last_used_at", _("last used at")),
        ):
            device._meta.get_field(name).verbose_name = label
        from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin  # noqa: PLC0415  it imports the models

        TOTPDeviceAdmin.qrcode_link.short_description = _("QR code")
        # django-otp builds this from the user model's field names once, at import, in the language of that moment
        TOTPDeviceAdmin.search_help_text = _("Search by the user's username or email address")
