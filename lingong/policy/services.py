"""Policy articles (write, review by a second person, publish, withdraw) and the consultation log."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lingong.accounts.selectors import role_require
from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.core.models import Channel
from lingong.core.ratelimit import rate_limit_hit
from lingong.core.services import event_record, status_transition

from .models import (
    ARTICLE_TRANSITIONS,
    CONSULTATION_TRANSITIONS,
    ArticleStatus,
    Consultation,
    ConsultationChannel,
    ConsultationStatus,
    PolicyArticle,
    PolicyArticleVersion,
    PolicyTopic,
    Referral,
)

TEXT_FIELDS = ("title_zh", "title_bo", "summary_zh", "summary_bo", "body_zh", "body_bo")
MAX_LENGTHS = {
    "title_zh": 120,
    "title_bo": 240,
    "summary_zh": 300,
    "summary_bo": 600,
    "body_zh": 20000,
    "body_bo": 40000,
}
AUDIO_TYPES = ("audio/wav", "audio/x-wav", "audio/wave", "audio/mpeg", "audio/mp3", "audio/ogg")
MAX_AUDIO_BYTES = 5 * 1024 * 1024
# Questions asked without a name, per station: more than a station's window sees in a busy quarter hour.
ANONYMOUS_ASKS_PER_STATION = 30
ANONYMOUS_ASKS_WINDOW = timedelta(minutes=10)
MAX_QUESTION, MAX_ANSWER, MAX_NOTE = 500, 4000, 200

# The kiosk's and the app's channel in the timeline, by the consultation's channel.
TIMELINE_CHANNEL = {
    ConsultationChannel.WINDOW: Channel.WINDOW,
    ConsultationChannel.PHONE: Channel.WINDOW,
    ConsultationChannel.KIOSK: Channel.KIOSK,
    ConsultationChannel.WEB: Channel.WEB,
}


# --- articles ---------------------------------------------------------------------------------


def _texts_clean(texts: dict) -> dict:
    cleaned = {}
    for name in TEXT_FIELDS:
        value = str(texts.get(name) or "").strip()
        if len(value) > MAX_LENGTHS[name]:
            raise InvalidInput(
                _("This text can be at most %(max)d characters.") % {"max": MAX_LENGTHS[name]},
                code="too_long",
                field=name,
            )
        cleaned[name] = value
    for name in ("title_zh", "summary_zh", "body_zh"):
        if not cleaned[name]:
            raise InvalidInput(_("Please write the Chinese text."), code="chinese_required", field=name)
    return cleaned


def _audio_clean(audio, *, field: str) -> tuple[bytes, str] | None:
    """A recording as (bytes, content type), checked; None: no new recording."""
    if not audio:
        return None
    data, content_type = audio
    content_type = (content_type or "").split(";")[0].strip().lower()
    if content_type not in AUDIO_TYPES:
        raise InvalidInput(_("The recording must be a WAV, MP3 or OGG file."), code="audio_type", field=field)
    if not data or len(data) > MAX_AUDIO_BYTES:
        raise InvalidInput(_("The recording can be at most 5 MB."), code="audio_too_big", field=field)
    return bytes(data), content_type


def _version_add(*, article: PolicyArticle, texts: dict, actor, audio_zh=None, audio_bo=None):
    previous = article.versions.order_by("-number").first()
    number = (previous.number if previous else 0) + 1
    version = PolicyArticleVersion(article=article, number=number, author=actor, **texts)
    for language, new in (
        ("zh", _audio_clean(audio_zh, field="audio_zh")),
        ("bo", _audio_clean(audio_bo, field="audio_bo")),
    ):
        if new is not None:
            setattr(version, f"audio_{language}", new[0])
            setattr(version, f"audio_{language}_type", new[1])
        elif previous is not None and all(
            getattr(previous, f"{part}_{language}") == texts[f"{part}_{language}"]
            for part in ("title", "summary", "body")
        ):
            # The words of this language did not change: the recording still fits them.
            setattr(version, f"audio_{language}", bytes(getattr(previous, f"audio_{language}") or b""))
            setattr(version, f"audio_{language}_type", getattr(previous, f"audio_{language}_type"))
    version.full_clean(exclude=["article", "author"])
    version.save()
    return version


@transaction.atomic
def policy_article_create(*, actor, topic: str, audio_zh=None, audio_bo=None, **texts) -> PolicyArticle:
    """A new article, as a draft with its first version."""
    role_require(actor, "policy.edit")
    if topic not in PolicyTopic.values:
        raise InvalidInput(_("Please choose the topic."), code="topic_required", field="topic")
    texts = _texts_clean(texts)
    article = PolicyArticle(topic=topic, created_by=actor)
    article.full_clean(exclude=["published_version", "created_by", "submitted_by"])
    article.save()
    version = _version_add(article=article, texts=texts, actor=actor, audio_zh=audio_zh, audio_bo=audio_bo)
    event_record(
        subject=article,
        verb="policy_article_create",
        actor=actor,
        to_state=article.status,
        channel=Channel.WINDOW,
        data={"version": version.number},
    )
    return article


def _article_locked(article: PolicyArticle) -> PolicyArticle:
    return PolicyArticle.objects.select_for_update().get(pk=article.pk)


@transaction.atomic
def policy_article_edit(
    *, article: PolicyArticle, actor, topic: str | None = None, audio_zh=None, audio_bo=None, **texts
) -> PolicyArticleVersion:
    """Save an edit as a new version. An article in review is not edited (send it back first); a published
    or withdrawn one becomes a draft again, and workers keep reading the published version meanwhile."""
    role_require(actor, "policy.edit")
    article = _article_locked(article)
    if article.status == ArticleStatus.IN_REVIEW:
        raise Conflict(
            _("This article is being reviewed. Ask the reviewer to send it back before you change it."),
            code="in_review",
        )
    texts = _texts_clean(texts)
    latest = article.versions.order_by("-number").first()
    unchanged = latest is not None and all(getattr(latest, name) == texts[name] for name in TEXT_FIELDS)
    if unchanged and not audio_zh and not audio_bo and (topic is None or topic == article.topic):
        raise InvalidInput(_("Nothing was changed."), code="no_change")
    if topic is not None and topic != article.topic:
        if topic not in PolicyTopic.values:
            raise InvalidInput(_("Please choose the topic."), code="topic_required", field="topic")
        PolicyArticle.objects.filter(pk=article.pk).update(topic=topic)
        article.topic = topic
    version = _version_add(article=article, texts=texts, actor=actor, audio_zh=audio_zh, audio_bo=audio_bo)
    if article.status != ArticleStatus.DRAFT:
        status_transition(
            article,
            transitions=ARTICLE_TRANSITIONS,
            to=ArticleStatus.DRAFT,
            verb="policy_article_edit",
            actor=actor,
            channel=Channel.WINDOW,
            data={"version": version.number},
        )
    else:
        event_record(
            subject=article,
            verb="policy_article_edit",
            actor=actor,
            from_state=article.status,
            to_state=article.status,
            channel=Channel.WINDOW,
            data={"version": version.number},
        )
    return version


@transaction.atomic
def policy_article_submit(*, article: PolicyArticle, actor) -> PolicyArticle:
    """Send the latest version for review; both languages must be written by then."""
    role_require(actor, "policy.edit")
    article = _article_locked(article)
    latest = article.versions.order_by("-number").first()
    for name in ("title_bo", "summary_bo", "body_bo"):
        if not getattr(latest, name):
            raise InvalidInput(
                _("Please write the Tibetan text too: workers read the article in both languages."),
                code="tibetan_required",
                field=name,
            )
    status_transition(
        article,
        transitions=ARTICLE_TRANSITIONS,
        to=ArticleStatus.IN_REVIEW,
        verb="policy_article_submit",
        actor=actor,
        channel=Channel.WINDOW,
        data={"version": latest.number},
    )
    PolicyArticle.objects.filter(pk=article.pk).update(submitted_by=actor, review_note="")
    article.submitted_by, article.review_note = actor, ""
    return article


def _require_second_person(*, article: PolicyArticle, actor) -> PolicyArticleVersion:
    latest = article.versions.order_by("-number").first()
    if actor.pk in {latest.author_id, article.submitted_by_id}:
        raise NotAllowed(
            _("You wrote or sent this text: another member of staff must review it."),
            code="own_text",
        )
    return latest


@transaction.atomic
def policy_article_return(*, article: PolicyArticle, actor, note: str = "") -> PolicyArticle:
    """The reviewer sends the article back to its writer with a note (or its writer takes it back)."""
    role_require(actor, "policy.edit")
    article = _article_locked(article)
    note = (note or "").strip()[:300]
    status_transition(
        article,
        transitions=ARTICLE_TRANSITIONS,
        to=ArticleStatus.DRAFT,
        verb="policy_article_return",
        actor=actor,
        channel=Channel.WINDOW,
        data={"note": note},
    )
    PolicyArticle.objects.filter(pk=article.pk).update(review_note=note)
    article.review_note = note
    return article


@transaction.atomic
def policy_article_publish(*, article: PolicyArticle, actor, now: datetime | None = None) -> PolicyArticle:
    """A second member of staff approves the version in review: it is what workers read from now on."""
    role_require(actor, "policy.approve")
    article = _article_locked(article)
    if article.status != ArticleStatus.IN_REVIEW:
        raise Conflict(_("Only an article in review can be published."), code="not_in_review")
    latest = _require_second_person(article=article, actor=actor)
    status_transition(
        article,
        transitions=ARTICLE_TRANSITIONS,
        to=ArticleStatus.PUBLISHED,
        verb="policy_article_publish",
        actor=actor,
        channel=Channel.WINDOW,
        data={"version": latest.number},
    )
    now = now or timezone.now()
    PolicyArticle.objects.filter(pk=article.pk).update(published_version=latest, published_at=now)
    article.published_version, article.published_at = latest, now
    return article


@transaction.atomic
def policy_article_withdraw(*, article: PolicyArticle, actor, note: str = "") -> PolicyArticle:
    """Take the article away from workers (a policy ended or changed); its versions are kept."""
    role_require(actor, "policy.approve")
    article = _article_locked(article)
    if article.published_version_id is None:
        raise Conflict(_("Workers do not see this article: there is nothing to withdraw."), code="not_published")
    status_transition(
        article,
        transitions=ARTICLE_TRANSITIONS,
        to=ArticleStatus.WITHDRAWN,
        verb="policy_article_withdraw",
        actor=actor,
        channel=Channel.WINDOW,
        data={"note": (note or "").strip()[:300]},
    )
    PolicyArticle.objects.filter(pk=article.pk).update(published_version=None)
    article.published_version = None
    return article


# --- consultations ----------------------------------------------------------------------------


def _consultation_fields(*, topic, answer, referral, referral_note, follow_up_on, now, question="") -> dict:
    if topic not in PolicyTopic.values:
        raise InvalidInput(_("Please choose the topic."), code="topic_required", field="topic")
    question = (question or "").strip()
    if len(question) > MAX_QUESTION:
        raise InvalidInput(
            _("This text can be at most %(max)d characters.") % {"max": MAX_QUESTION}, code="too_long", field="question"
        )
    answer = (answer or "").strip()
    if not answer:
        raise InvalidInput(_("Please write what you answered."), code="answer_required", field="answer")
    if len(answer) > MAX_ANSWER:
        raise InvalidInput(
            _("This text can be at most %(max)d characters.") % {"max": MAX_ANSWER}, code="too_long", field="answer"
        )
    referral = referral or Referral.NONE
    if referral not in Referral.values:
        raise InvalidInput(_("Please choose where you referred them."), code="referral_invalid", field="referral")
    referral_note = (referral_note or "").strip()
    if len(referral_note) > MAX_NOTE:
        raise InvalidInput(
            _("This text can be at most %(max)d characters.") % {"max": MAX_NOTE},
            code="too_long",
            field="referral_note",
        )
    if referral != Referral.NONE and not referral_note:
        raise InvalidInput(
            _("Please say where exactly: the officer, the course or the office."),
            code="referral_note_required",
            field="referral_note",
        )
    if follow_up_on is not None and follow_up_on < timezone.localdate(now):
        raise InvalidInput(_("The follow-up date cannot be in the past."), code="follow_up_past", field="follow_up_on")
    return {
        "topic": topic,
        "answer": answer,
        "referral": referral,
        "referral_note": referral_note if referral != Referral.NONE else "",
        "follow_up_on": follow_up_on,
        "question": question,
    }


@transaction.atomic
def consultation_record(
    *,
    actor,
    station,
    channel: str,
    topic: str,
    answer: str,
    question: str = "",
    referral: str = Referral.NONE,
    referral_note: str = "",
    follow_up_on: date | None = None,
    worker=None,
    article: PolicyArticle | None = None,
    token: str | None = None,
    now: datetime | None = None,
) -> Consultation:
    """A clerk logs a question answered at the window or on the phone (the asker may stay unnamed)."""
    if station is None:
        raise InvalidInput(_("Pick the station first."), code="station_required")
    role_require(actor, "consultation.log", station_id=station.pk)
    if channel not in (ConsultationChannel.WINDOW, ConsultationChannel.PHONE):
        raise InvalidInput(_("Please choose how they asked."), code="channel_invalid", field="channel")
    now = now or timezone.now()
    fields = _consultation_fields(
        topic=topic,
        answer=answer,
        question=question,
        referral=referral,
        referral_note=referral_note,
        follow_up_on=follow_up_on,
        now=now,
    )
    token = (token or "").strip()[:64] or None
    if token and Consultation.objects.filter(token=token).exists():
        raise Conflict(_("This consultation has already been recorded."), code="already_recorded")
    consultation = Consultation(
        station=station,
        status=ConsultationStatus.ANSWERED,
        channel=channel,
        worker=worker,
        article=article,
        staff=actor,
        answered_at=now,
        token=token,
        **fields,
    )
    consultation.full_clean(exclude=["station", "worker", "article", "staff"])
    try:
        with transaction.atomic():
            consultation.save()
    except IntegrityError:
        raise Conflict(_("This consultation has already been recorded."), code="already_recorded") from None
    event_record(
        subject=consultation,
        verb="consultation_record",
        actor=actor,
        to_state=consultation.status,
        station=station,
        channel=TIMELINE_CHANNEL[channel],
        data={"topic": topic, "referral": fields["referral"], "worker": getattr(worker, "pk", None)},
    )
    return consultation


@transaction.atomic
def consultation_ask(
    *,
    station,
    topic: str,
    channel: str,
    worker=None,
    article: PolicyArticle | None = None,
    now: datetime | None = None,
) -> Consultation:
    """ "Ask at the window": a question waits in the station's list, with a ticket number for the day.

    A worker who already waits at this station is given the same ticket again (a second tap adds nothing).
    """
    if channel not in (ConsultationChannel.KIOSK, ConsultationChannel.WEB):
        raise InvalidInput(_("Please choose how they asked."), code="channel_invalid", field="channel")
    if station is None:
        raise InvalidInput(_("Pick the station first."), code="station_required")
    if topic not in PolicyTopic.values:
        raise InvalidInput(_("Please choose the topic."), code="topic_required", field="topic")
    if article is not None and article.published_version_id is None:
        raise InvalidInput(_("This article is not shown any more."), code="article_not_published")
    now = now or timezone.now()
    day = timezone.localdate(now)
    if worker is None:
        # Anyone at a kiosk may ask without a name: a bound on how fast, so that a prank cannot flood the window.
        rate_limit_hit(
            scope="policy_ask_anonymous",
            key=str(station.pk),
            limit=ANONYMOUS_ASKS_PER_STATION,
            window=ANONYMOUS_ASKS_WINDOW,
            message=_("Many questions are waiting already. Please go to the window."),
        )
    if worker is not None:
        waiting = Consultation.objects.filter(
            station=station, worker=worker, status=ConsultationStatus.WAITING, ticket_day=day
        ).first()
        if waiting is not None:
            return waiting
    for _attempt in range(5):
        last = Consultation.objects.filter(station=station, ticket_day=day).aggregate(last=Max("ticket"))["last"]
        consultation = Consultation(
            station=station,
            status=ConsultationStatus.WAITING,
            channel=channel,
            worker=worker,
            article=article,
            topic=topic,
            question=article.published_version.title_zh if article is not None else "",
            ticket_day=day,
            ticket=(last or 0) + 1,
        )
        try:
            with transaction.atomic():
                consultation.save()
        except IntegrityError:
            continue  # another kiosk took this number just now: take the next
        break
    else:
        raise Conflict(_("Please try again."), code="ticket_busy")
    event_record(
        subject=consultation,
        verb="consultation_ask",
        actor=getattr(worker, "user", None),
        to_state=consultation.status,
        station=station,
        channel=TIMELINE_CHANNEL[channel],
        data={"topic": topic, "ticket": consultation.ticket, "article": getattr(article, "pk", None)},
    )
    return consultation


@transaction.atomic
def consultation_answer(
    *,
    consultation: Consultation,
    actor,
    answer: str,
    topic: str | None = None,
    referral: str = Referral.NONE,
    referral_note: str = "",
    follow_up_on: date | None = None,
    now: datetime | None = None,
) -> Consultation:
    """A clerk answers a question that waited at the window."""
    role_require(actor, "consultation.log", station_id=consultation.station_id)
    now = now or timezone.now()
    fields = _consultation_fields(
        topic=topic or consultation.topic,
        answer=answer,
        question=consultation.question,
        referral=referral,
        referral_note=referral_note,
        follow_up_on=follow_up_on,
        now=now,
    )
    if ConsultationStatus.ANSWERED not in CONSULTATION_TRANSITIONS.get(consultation.status, ()):
        raise Conflict(_("This question has already been answered."), code="already_answered")
    fields.pop("question")
    # The table's one move, made with its answer in one conditional UPDATE: two clerks answering at once
    # cannot both win (an answered row has its time, as the CHECK constraint holds).
    updated = Consultation.objects.filter(pk=consultation.pk, status=ConsultationStatus.WAITING).update(
        status=ConsultationStatus.ANSWERED, staff=actor, answered_at=now, updated_at=now, **fields
    )
    if updated != 1:
        raise Conflict(_("This question has already been answered."), code="already_answered")
    event_record(
        subject=consultation,
        verb="consultation_answer",
        actor=actor,
        from_state=ConsultationStatus.WAITING,
        to_state=ConsultationStatus.ANSWERED,
        station=consultation.station,
        channel=Channel.WINDOW,
        data={"topic": fields["topic"], "referral": fields["referral"]},
    )
    consultation.refresh_from_db()
    return consultation


@transaction.atomic
def consultation_follow_up_done(*, consultation: Consultation, actor, now: datetime | None = None) -> Consultation:
    """The promised follow-up was made: it leaves the due list."""
    role_require(actor, "consultation.log", station_id=consultation.station_id)
    if consultation.follow_up_on is None:
        raise Conflict(_("No follow-up was promised for this question."), code="no_follow_up")
    now = now or timezone.now()
    updated = Consultation.objects.filter(pk=consultation.pk, follow_up_done_at__isnull=True).update(
        follow_up_done_at=now, updated_at=now
    )
    if updated != 1:
        raise Conflict(_("This follow-up has already been made."), code="follow_up_done")
    consultation.follow_up_done_at = now
    event_record(
        subject=consultation,
        verb="consultation_follow_up_done",
        actor=actor,
        station=consultation.station,
        channel=Channel.WINDOW,
    )
    return consultation
