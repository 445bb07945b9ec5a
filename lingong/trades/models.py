"""Kinds of work, each anchored on an occupation of CSCO 2022."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lingong.core.models import Bilingual


class Intensity(models.IntegerChoices):
    LIGHT = 1, _("Light")
    MEDIUM = 2, _("Medium")
    HEAVY = 3, _("Heavy")


class PayUnit(models.TextChoices):
    HOUR = "hour", _("per hour")
    DAY = "day", _("per day")
    PIECE = "piece", _("per piece")
    MONTH = "month", _("per month")


class JobType(Bilingual, models.Model):
    slug = models.SlugField(_("code"), unique=True)
    csco_code = models.CharField(_("CSCO 2022 code"), max_length=16)
    csco_name = models.CharField(_("CSCO 2022 occupation"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=50)
    name_bo = models.CharField(_("name (Tibetan)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    icon = models.CharField(_("icon"), max_length=50)
    intensity = models.PositiveSmallIntegerField(_("physical intensity"), choices=Intensity.choices)
    outdoor = models.BooleanField(_("outdoor"), default=False)
    related = models.ManyToManyField("self", blank=True, symmetrical=True, verbose_name=_("related trades"))
    typical_pay_low_fen = models.PositiveIntegerField(_("typical day pay, low (fen)"), default=0)
    typical_pay_high_fen = models.PositiveIntegerField(_("typical day pay, high (fen)"), default=0)
    default_pay_unit = models.CharField(
        _("default pay unit"), max_length=8, choices=PayUnit.choices, default=PayUnit.DAY
    )
    sort_order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("trade")
        verbose_name_plural = _("trades")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name_zh
