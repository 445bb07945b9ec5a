"""Policy consultation (政策咨询): articles on the policies people ask about, and the windows' consultation log.

An article is written and edited by staff; every saved edit is a new, unchanged `PolicyArticleVersion`.
A second staff member reviews before a version is published; workers read only the published version
(`PolicyArticle.published_version`), in their language. A `Consultation` is one question asked at a
window, on the phone or at a kiosk: who asked (or nobody named), the topic, the answer, a referral, and a
follow-up when one was promised. A question asked at a kiosk or on the worker's phone ("ask at the
window") waits in the station's list until a clerk answers it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lingong.core.models import Bilingual, TimestampedModel


class PolicyTopic(models.TextChoices):
    SOCIAL_INSURANCE = "social_insurance", _("Social insurance subsidy for flexible work")
    TRAINING = "training", _("Vocational training subsidy")
    WAGE_ARREARS = "wage_arrears", _("Unpaid wages: your rights")
    INJURY = "injury", _("Work injury cover")
    BUSINESS = "business", _("Registering a small business")
    OTHER = "other", _("Other questions")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# One service per move (lingong/policy/services.py). An edit of a published or withdrawn article
# makes a new draft; what workers read stays the published version until a reviewer publishes again.
ARTICLE_TRANSITIONS: dict[str, frozenset[str]] = {
    ArticleStatus.DRAFT: frozenset({ArticleStatus.IN_REVIEW, ArticleStatus.WITHDRAWN}),
    ArticleStatus.IN_REVIEW: frozenset({ArticleStatus.DRAFT, ArticleStatus.PUBLISHED, ArticleStatus.WITHDRAWN}),
    ArticleStatus.PUBLISHED: frozenset({ArticleStatus.DRAFT, ArticleStatus.WITHDRAWN}),
    ArticleStatus.WITHDRAWN: frozenset({ArticleStatus.DRAFT}),
}


class PolicyArticle(TimestampedModel):
    topic = models.CharField(_("topic"), max_length=20, choices=PolicyTopic.choices, db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT)
    # What workers read; none: nothing shown (never published, or withdrawn).
    published_version = models.ForeignKey(
        "policy.PolicyArticleVersion",
        verbose_name=_("published version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_note = models.CharField(_("review note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("policy article")
        verbose_name_plural = _("policy articles")
        ordering = ["topic", "id"]

    def __str__(self) -> str:
        return f"{self.pk} {self.topic} {self.status}"


class PolicyArticleVersion(Bilingual, models.Model):
    """One saved edit of an article: kept as written (the services never change a version)."""

    article = models.ForeignKey(PolicyArticle, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title_zh = models.CharField(_("title (Chinese)"), max_length=120)
    title_bo = models.CharField(_("title (Tibetan)"), max_length=240, blank=True)
    summary_zh = models.CharField(_("summary (Chinese)"), max_length=300)
    summary_bo = models.CharField(_("summary (Tibetan)"), max_length=600, blank=True)
    body_zh = models.TextField(_("text (Chinese)"))
    body_bo = models.TextField(_("text (Tibetan)"), blank=True)
    # A staff recording of the text, per language (WAV, MP3 or OGG); carried to the next version
    # while that language's text stays the same.
    audio_zh = models.BinaryField(blank=True, default=b"", editable=False)
    audio_zh_type = models.CharField(max_length=40, blank=True)
    audio_bo = models.BinaryField(blank=True, default=b"", editable=False)
    audio_bo_type = models.CharField(max_length=40, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("policy article version")
        verbose_name_plural = _("policy article versions")
        ordering = ["article", "-number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="policy_version_once")]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.number}"

    @property
    def title(self) -> str:
        return self.localized("title")

    @property
    def summary(self) -> str:
        return self.localized("summary")

    @property
    def body(self) -> str:
        return self.localized("body")

    def has_audio(self, language: str) -> bool:
        return bool(self.audio_bo if language.startswith("bo") else self.audio_zh)


class ConsultationChannel(models.TextChoices):
    WINDOW = "window", _("At the window")
    PHONE = "phone", _("By phone")
    KIOSK = "kiosk", _("At a kiosk")
    WEB = "web", _("On the worker's phone")


class Referral(models.TextChoices):
    NONE = "none", _("No referral")
    RIGHTS_OFFICER = "rights_officer", _("To a rights officer")
    TRAINING_COURSE = "training_course", _("To a training course")
    OTHER_OFFICE = "other_office", _("To another office")


class ConsultationStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting at the window")
    ANSWERED = "answered", _("Answered")


CONSULTATION_TRANSITIONS: dict[str, frozenset[str]] = {
    ConsultationStatus.WAITING: frozenset({ConsultationStatus.ANSWERED}),
    ConsultationStatus.ANSWERED: frozenset(),
}


class Consultation(TimestampedModel):
    station = models.ForeignKey(
        "stations.Station", verbose_name=_("station"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ConsultationStatus.choices, default=ConsultationStatus.ANSWERED
    )
    channel = models.CharField(_("channel"), max_length=12, choices=ConsultationChannel.choices)
    worker = models.ForeignKey(
        "workers.Worker",
        verbose_name=_("worker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    topic = models.CharField(_("topic"), max_length=20, choices=PolicyTopic.choices, db_index=True)
    article = models.ForeignKey(
        PolicyArticle,
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    question = models.CharField(_("question"), max_length=500, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    referral = models.CharField(_("referral"), max_length=20, choices=Referral.choices, default=Referral.NONE)
    referral_note = models.CharField(_("referral note"), max_length=200, blank=True)
    follow_up_on = models.DateField(_("follow up by"), null=True, blank=True, db_index=True)
    follow_up_done_at = models.DateTimeField(_("followed up at"), null=True, blank=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, db_index=True)
    # A question asked at a kiosk or on the phone: its number for the day at the station.
    ticket_day = models.DateField(null=True, blank=True)
    ticket = models.PositiveIntegerField(_("ticket"), null=True, blank=True)
    # A one-time token from the clerk's form: a second submit of the same form is refused.
    token = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["station", "ticket_day", "ticket"], name="consultation_ticket_once"),
            models.CheckConstraint(
                condition=~models.Q(status="answered") | models.Q(answered_at__isnull=False),
                name="consultation_answered_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pk} {self.topic} {self.status}"
