"""The station's news and photo board (工作剪影): what staff put up for the station's screens."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lingong.core.models import TimestampedModel


class StationNotice(TimestampedModel):
    """A piece of news, with a photo if there is one, in both languages; shown until `shown_until` or taken down.

    Public by design: what staff write here is read by anyone in the hall (no names of people in it; the form
    says so). The photo is kept here, resized to JPEG on the way in, so a screen needs no file storage.
    """

    station = models.ForeignKey("stations.Station", on_delete=models.CASCADE, related_name="notices")
    title_zh = models.CharField(_("title (Chinese)"), max_length=60)
    title_bo = models.CharField(_("title (Tibetan)"), max_length=120)
    body_zh = models.TextField(_("text (Chinese)"), max_length=400, blank=True)
    body_bo = models.TextField(_("text (Tibetan)"), max_length=800, blank=True)
    photo = models.BinaryField(_("photo"), blank=True, default=b"", editable=False)
    shown_until = models.DateField(_("shown until"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("taken down at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("station news")
        verbose_name_plural = _("station news")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title_zh
