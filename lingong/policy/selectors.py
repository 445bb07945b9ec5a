"""What workers and staff may read: published articles in the reader's language, the consultation log."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from lingong.accounts.models import Role
from lingong.accounts.selectors import role_allows, role_require
from lingong.core.errors import NotAllowed, NotFound, id_from_input

from .models import (
    Consultation,
    ConsultationStatus,
    PolicyArticle,
    PolicyArticleVersion,
    PolicyTopic,
    Referral,
)

MAX_TOKENS = 6
FIGURE_DAYS = 14


def _reader_suffix(language: str | None = None) -> str:
    return "bo" if (language or get_language() or "").startswith("bo") else "zh"


# --- workers: the published versions ----------------------------------------------------------


def article_list_published(
    *, query: str = "", topic: str = "", language: str | None = None
) -> list[PolicyArticleVersion]:
    """The published version of every article workers may read, searched in the reader's language.

    Every word of the query (split at spaces) must be in the title, the summary or the text.
    """
    suffix = _reader_suffix(language)
    published = PolicyArticle.objects.filter(published_version__isnull=False).values("published_version_id")
    versions = PolicyArticleVersion.objects.filter(pk__in=published).select_related("article")
    if topic and topic in PolicyTopic.values:
        versions = versions.filter(article__topic=topic)
    for token in str(query or "").split()[:MAX_TOKENS]:
        versions = versions.filter(
            Q(**{f"title_{suffix}__icontains": token})
            | Q(**{f"summary_{suffix}__icontains": token})
            | Q(**{f"body_{suffix}__icontains": token})
        )
    return list(versions.defer("audio_zh", "audio_bo").order_by("article__topic", "article_id"))


def article_published(*, article_id) -> PolicyArticleVersion:
    """The version workers read of one article; an article not published is not found."""
    article = PolicyArticle.objects.filter(pk=id_from_input(article_id), published_version__isnull=False).first()
    if article is None:
        raise NotFound()
    version = PolicyArticleVersion.objects.select_related("article").get(pk=article.published_version_id)
    return version


def article_audio(*, article_id, language: str) -> tuple[bytes, str]:
    """The recording of the published version in `language`; none: not found."""
    version = article_published(article_id=article_id)
    suffix = _reader_suffix(language)
    data = bytes(getattr(version, f"audio_{suffix}") or b"")
    if not data:
        raise NotFound()
    return data, getattr(version, f"audio_{suffix}_type") or "audio/wav"


# --- staff: articles and their versions -------------------------------------------------------


def article_list_for_staff(*, user, status: str = "") -> QuerySet[PolicyArticle]:
    role_require(user, "policy.view")
    articles = PolicyArticle.objects.all()
    if status:
        articles = articles.filter(status=status)
    return articles.order_by("topic", "id")


def article_latest_versions(*, articles) -> dict[int, PolicyArticleVersion]:
    """Each article's newest version (for the list's titles)."""
    ids = [a.pk for a in articles]
    latest: dict[int, PolicyArticleVersion] = {}
    for version in (
        PolicyArticleVersion.objects.filter(article_id__in=ids)
        .defer("audio_zh", "audio_bo")
        .order_by("article_id", "-number")
    ):
        latest.setdefault(version.article_id, version)
    return latest


def article_for_staff(*, user, article_id) -> PolicyArticle:
    role_require(user, "policy.view")
    article = PolicyArticle.objects.filter(pk=id_from_input(article_id)).first()
    if article is None:
        raise NotFound()
    return article


def article_versions(*, user, article: PolicyArticle) -> list[PolicyArticleVersion]:
    """Every saved version, newest first (staff may read old ones)."""
    role_require(user, "policy.view")
    return list(article.versions.select_related("author").defer("audio_zh", "audio_bo").order_by("-number"))


def article_choices_published() -> list[PolicyArticleVersion]:
    """For the clerk's form: the articles a consultation may point to."""
    return article_list_published(language="zh-hans")


# --- staff: the consultation log --------------------------------------------------------------


def consultation_station_for(*, user, station=None):
    """Station staff see their own station; others the station picked (or every station)."""
    role_require(user, "consultation.view", station_id=getattr(user, "station_id", None))
    if user.role == Role.STATION_STAFF and not user.is_superuser:
        return user.station
    return station


def _log_for(*, user, station) -> QuerySet[Consultation]:
    station = consultation_station_for(user=user, station=station)
    rows = Consultation.objects.select_related("station", "worker", "staff", "article")
    return rows.filter(station=station) if station is not None else rows


def consultation_list(
    *,
    user,
    station=None,
    topic: str = "",
    referral: str = "",
    status: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[Consultation]:
    rows = _log_for(user=user, station=station)
    if topic in PolicyTopic.values:
        rows = rows.filter(topic=topic)
    if referral in Referral.values:
        rows = rows.filter(referral=referral)
    if status in ConsultationStatus.values:
        rows = rows.filter(status=status)
    if since is not None:
        rows = rows.filter(created_at__date__gte=since)
    if until is not None:
        rows = rows.filter(created_at__date__lte=until)
    return rows.order_by("-created_at", "-id")


def consultation_waiting(*, user, station=None) -> list[Consultation]:
    """Questions asked at a kiosk or on a phone that wait for a clerk, oldest first."""
    return list(_log_for(user=user, station=station).filter(status=ConsultationStatus.WAITING).order_by("created_at"))


def consultation_follow_ups_due(*, user, station=None, day: date | None = None) -> list[Consultation]:
    """Follow-ups promised for `day` or before and not made yet, the oldest promise first."""
    day = day or timezone.localdate()
    return list(
        _log_for(user=user, station=station)
        .filter(follow_up_on__lte=day, follow_up_done_at__isnull=True)
        .order_by("follow_up_on", "id")
    )


def consultation_of_kiosk(*, station, consultation_id) -> Consultation | None:
    """The question asked at a kiosk of `station` in this kiosk session (its id kept in the session)."""
    if not consultation_id:
        return None
    return Consultation.objects.filter(pk=consultation_id, station=station).first()


def access_consultation(*, user, consultation_id, action: str = "consultation.view") -> Consultation:
    consultation = (
        Consultation.objects.select_related("station", "worker", "article")
        .filter(pk=id_from_input(consultation_id))
        .first()
    )
    if consultation is None:
        raise NotFound()
    if not role_allows(user, action, station_id=consultation.station_id):
        raise NotAllowed()
    return consultation


@dataclass(frozen=True)
class ConsultationFigures:
    """The log's figures for the last days: per day, by topic and by referral."""

    days: list[date]
    by_topic: dict[str, dict[date, int]]
    by_referral: dict[str, dict[date, int]]
    per_day: dict[date, int]
    total: int

    def _rows(self, counts: dict[str, dict[date, int]], choices) -> list[tuple[str, str, list[int]]]:
        return [(key, str(label), [counts[key].get(day, 0) for day in self.days]) for key, label in choices]

    @property
    def topic_rows(self) -> list[tuple[str, str, list[int]]]:
        return self._rows(self.by_topic, PolicyTopic.choices)

    @property
    def referral_rows(self) -> list[tuple[str, str, list[int]]]:
        return self._rows(self.by_referral, Referral.choices)

    @property
    def totals(self) -> list[int]:
        return [self.per_day.get(day, 0) for day in self.days]


def consultation_figures(*, user, station=None, today: date | None = None, days: int = FIGURE_DAYS):
    """Counted from the log (a consultation counts on the day it was asked, in Asia/Shanghai)."""
    today = today or timezone.localdate()
    first = today - timedelta(days=days - 1)
    rows = _log_for(user=user, station=station).filter(created_at__date__gte=first, created_at__date__lte=today)
    by_topic: dict[str, Counter] = {value: Counter() for value in PolicyTopic.values}
    by_referral: dict[str, Counter] = {value: Counter() for value in Referral.values}
    per_day: Counter = Counter()
    for row in rows.values("created_at__date", "topic", "referral").annotate(n=Count("id")):
        day = row["created_at__date"]
        by_topic[row["topic"]][day] += row["n"]
        by_referral[row["referral"]][day] += row["n"]
        per_day[day] += row["n"]
    return ConsultationFigures(
        days=[first + timedelta(days=i) for i in range(days)],
        by_topic={k: dict(v) for k, v in by_topic.items()},
        by_referral={k: dict(v) for k, v in by_referral.items()},
        per_day=dict(per_day),
        total=sum(per_day.values()),
    )
