"""Timeline and access log: the two audit trails every service writes."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .events import EventKind, event_label


class Channel(models.TextChoices):
    KIOSK = "kiosk", _("Kiosk")
    WINDOW = "window", _("Service window")
    WEB = "web", _("Web")
    APP = "app", _("App")
    IMPORT = "import", _("Import")
    SYSTEM = "system", _("System")


OFFLINE_CHANNELS = (Channel.KIOSK, Channel.WINDOW)
ONLINE_CHANNELS = (Channel.WEB, Channel.APP)


_CHOICE_LABELS: dict = {}  # field -> {value: label}; labels stay lazy, so each reader gets their language


class ChoiceLabels:
    """`get_FOO_display()` that translates one label, not every choice of the field.

    Django's builds a dict of the field's choices on each call, and hashing it translates every lazy label: a
    list of 50 rows showing two such columns translated hundreds (2.3% of the web CPU under load,
    docs/performance.md). A model with lists on screen takes this first among its bases."""

    def _get_FIELD_display(self, field):
        labels = _CHOICE_LABELS.get(field)
        if labels is None:
            labels = _CHOICE_LABELS[field] = dict(field.flatchoices)
        value = getattr(self, field.attname)
        try:
            label = labels.get(value, value)
        except TypeError:  # a value that cannot be a key (a list in a JSON field): Django's own way
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)


class TimestampedModel(ChoiceLabels, models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    # Indexed: matching refreshes every process's index by "what moved since".
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


class Event(models.Model):
    """One state change of one object: who, when, where, from what to what."""

    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=64)
    verb = models.CharField(_("action"), max_length=64, choices=EventKind.choices)  # labels for the admin's filter
    from_state = models.CharField(_("from"), max_length=32, blank=True)
    to_state = models.CharField(_("to"), max_length=32, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    station = models.ForeignKey("stations.Station", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.SYSTEM)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.verb} {self.from_state}→{self.to_state}"

    @property
    def verb_label(self) -> str:
        """What happened, in the reader's language (never the raw verb)."""
        return event_label(self.verb)

    @property
    def from_state_label(self) -> str:
        return self._state_label(self.from_state)

    @property
    def to_state_label(self) -> str:
        return self._state_label(self.to_state)

    def _state_label(self, value: str) -> str:
        """A state by the label of the subject's `status` choices (content types are cached: no query)."""
        if not value:
            return ""
        model = ContentType.objects.get_for_id(self.subject_type_id).model_class()
        try:
            choices = dict(model._meta.get_field("status").flatchoices) if model else {}
        except FieldDoesNotExist:
            choices = {}
        return str(choices.get(value, value))


class AccessLog(models.Model):
    """Every reveal of personal data, with the reason given (kept ≥ 6 months)."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=64)
    field = models.CharField(_("field"), max_length=64)
    reason = models.CharField(_("reason"), max_length=200)
    station = models.ForeignKey("stations.Station", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        ordering = ["-created_at", "-id"]


TIBETAN_SHADS = "།༎ "


class Bilingual:
    """Picks `<field>_bo` or `<field>_zh` for the active language."""

    def localized(self, field: str) -> str:
        if (get_language() or "").startswith("bo"):
            value = getattr(self, f"{field}_bo", "")
            if value:
                return value
        return getattr(self, f"{field}_zh")

    @property
    def name(self) -> str:
        # A name stands inside sentences ("…at %(station)s"): a final shad there would end the sentence
        # mid-way. A name alone on a line reads as well without one.
        return self.localized("name").rstrip(TIBETAN_SHADS)


class IdempotencyKey(models.Model):
    """One action per (user, scope, key): a retry or a double click gets the first result again.

    `scope` says whose key it is: "api" for the app's `Idempotency-Key` header,
    "form:<purpose>" for a form's one-time token. `fingerprint` is what the key
    was first used for (the API hashes method, path and body); the same key for
    something else is refused. `status` and `result` are what the first action
    gave (an HTTP status and body, or a form's object id). See `core/idempotency.py`.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64, blank=True)
    status = models.PositiveSmallIntegerField(default=0)
    result = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [models.UniqueConstraint(fields=["user", "scope", "key"], name="idempotency_key_once")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key[:12]} ({self.status})"
