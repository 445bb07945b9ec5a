from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo district: `seed_demo` and the routine that plays its people forward.

    Its own app at the top of the layers because it builds every domain app's
    rows; nothing below may import it.
    """

    name = "lingong.demo"
    label = "demo"
    verbose_name = _("Demo")
