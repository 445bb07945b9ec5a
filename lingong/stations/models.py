"""The gig market, the gig stations, their service windows and kiosks."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lingong.core.models import Bilingual


class Station(Bilingual, models.Model):
    class Kind(models.TextChoices):
        MARKET = "market", _("Gig market")
        STATION = "station", _("Gig station")

    code = models.SlugField(_("code"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_bo = models.CharField(_("name (Tibetan)"), max_length=200)
    address_zh = models.CharField(_("address (Chinese)"), max_length=200)
    address_bo = models.CharField(_("address (Tibetan)"), max_length=300, blank=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    lon = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    hotline = models.CharField(_("rights hotline"), max_length=20, blank=True)
    # Public: the kiosk shows it when nobody answers a staff call in time.
    phone = models.CharField(_("window phone"), max_length=20, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("station")
        verbose_name_plural = _("stations")
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.name_zh


class ServiceWindow(Bilingual, models.Model):
    class Service(models.TextChoices):
        WORKER_REGISTRATION = "worker_registration", _("Job seeker registration")
        EMPLOYER_REGISTRATION = "employer_registration", _("Employer registration")
        MATCHING = "matching", _("Job matching")
        RIGHTS = "rights", _("Rights protection")
        POLICY = "policy", _("Policy advice")
        TRAINING = "training", _("Skills training")
        GENERAL = "general", _("General services")

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="windows")
    number = models.PositiveSmallIntegerField(_("window number"))
    service = models.CharField(_("service"), max_length=32, choices=Service.choices)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_bo = models.CharField(_("name (Tibetan)"), max_length=200)

    class Meta:
        verbose_name = _("service window")
        verbose_name_plural = _("service windows")
        ordering = ["station", "number"]
        constraints = [models.UniqueConstraint(fields=["station", "number"], name="window_number_unique_per_station")]

    def __str__(self) -> str:
        return f"{self.station.name_zh} {self.number} {self.name_zh}"


class Kiosk(models.Model):
    """A registered touch-screen device of one station; its secret signs card reads."""

    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="kiosks")
    code = models.SlugField(_("code"), unique=True)
    label = models.CharField(_("label"), max_length=50)
    secret_sealed = models.TextField(_("secret (encrypted)"), editable=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("kiosk")
        verbose_name_plural = _("kiosks")

    def __str__(self) -> str:
        return f"{self.station.name_zh} · {self.label}"
