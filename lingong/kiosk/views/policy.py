"""Policies people ask about (政策咨询): read at the kiosk, hear it read aloud, ask at the window.

Anyone standing at the kiosk may read; a question asked here waits in the station's list for a clerk,
with a ticket number on the screen (and the worker's name, when one is signed in).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from lingong.core.errors import NotFound
from lingong.policy.models import ConsultationChannel, PolicyTopic
from lingong.policy.selectors import (
    article_audio,
    article_list_published,
    article_published,
    consultation_of_kiosk,
)
from lingong.policy.services import consultation_ask

from .common import kiosk_required, render_kiosk, signed_in_worker

TICKET_KEY = "kiosk_policy_ticket"
# The browser's speech voices are named by BCP 47 tags; a voice whose tag starts so may read the text.
SPEECH_LANGS = {"zh-hans": "zh", "bo": "bo"}


@require_GET
@kiosk_required
def policy_list(request):
    query = str(request.GET.get("q", ""))[:60]
    topic = request.GET.get("topic", "")
    topic = topic if topic in PolicyTopic.values else ""
    return render_kiosk(
        request,
        "kiosk/policy_list.html",
        {
            "versions": article_list_published(query=query, topic=topic),
            "query": query,
            "topic": topic,
            "topics": PolicyTopic.choices,
        },
        prompt="policy",
    )


@require_GET
@kiosk_required
def policy_article(request, article_id: int):
    version = article_published(article_id=article_id)
    language = get_language() or "zh-hans"
    return render_kiosk(
        request,
        "kiosk/policy_article.html",
        {
            "version": version,
            "has_audio": version.has_audio(language),
            "speech_lang": SPEECH_LANGS.get(language, "zh"),
        },
        prompt="policy_article",
    )


@require_GET
@kiosk_required
def policy_audio(request, article_id: int, language: str):
    if language not in SPEECH_LANGS:
        raise NotFound()
    data, content_type = article_audio(article_id=article_id, language=language)
    return HttpResponse(data, content_type=content_type)


@require_POST
@kiosk_required
def policy_ask(request, article_id: int):
    version = article_published(article_id=article_id)
    consultation = consultation_ask(
        station=request.kiosk.station,
        topic=version.article.topic,
        channel=ConsultationChannel.KIOSK,
        worker=signed_in_worker(user=request.user),
        article=version.article,
    )
    request.session[TICKET_KEY] = consultation.pk
    return redirect("kiosk:policy_ticket")


@require_GET
@kiosk_required
def policy_ticket(request):
    """The number to show at the window (kept in this kiosk session only)."""
    consultation = consultation_of_kiosk(station=request.kiosk.station, consultation_id=request.session.get(TICKET_KEY))
    if consultation is None:
        return redirect("kiosk:policy")
    return render_kiosk(request, "kiosk/policy_ticket.html", {"consultation": consultation}, prompt="policy_asked")
