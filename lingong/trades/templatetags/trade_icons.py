"""A trade's picture, by its icon's name: `<img src="{{ job.job_type.icon|trade_icon }}">`.

One piece of code for every page that shows a trade (the kiosk's cards, the station screens, the employer's
posting). The URL is looked up once a process for each icon: under the production storage each lookup reads
the manifest and joins the hashed name, about 1% of the kiosk's home, which shows a dozen of them. A test that
changes the static settings clears the kept URLs, as Django resets its static storage (`setting_changed`).
"""

from __future__ import annotations

import functools

from django import template
from django.core.signals import setting_changed
from django.templatetags.static import static

register = template.Library()


@register.filter
def trade_icon(icon: str) -> str:
    return _trade_icon_url(str(icon or ""))


@functools.lru_cache(maxsize=256)
def _trade_icon_url(icon: str) -> str:
    return static(f"trades/icons/{icon}.svg")


def _static_changed(*, setting, **kwargs) -> None:
    if setting in ("STATIC_URL", "STORAGES", "STATIC_ROOT", "FORCE_SCRIPT_NAME"):
        _trade_icon_url.cache_clear()


setting_changed.connect(_static_changed)
