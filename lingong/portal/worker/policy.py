"""Policies a worker asks about: read on the phone, in the worker's language; ask at their station's window."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lingong.core.errors import ApplicationError
from lingong.policy.models import ConsultationChannel, PolicyTopic
from lingong.policy.selectors import article_list_published, article_published
from lingong.policy.services import consultation_ask

from ..access import worker_door


@require_GET
@worker_door
def policies(request, worker):
    query = str(request.GET.get("q", ""))[:60]
    topic = request.GET.get("topic", "")
    topic = topic if topic in PolicyTopic.values else ""
    context = {
        "versions": article_list_published(query=query, topic=topic),
        "query": query,
        "topic": topic,
        "topics": PolicyTopic.choices,
    }
    return render(request, "portal/worker/policies.html", context)


@require_GET
@worker_door
def policy(request, worker, article_id: int):
    version = article_published(article_id=article_id)
    return render(request, "portal/worker/policy.html", {"version": version, "station": worker.registered_station})


@require_POST
@worker_door
def policy_ask(request, worker, article_id: int):
    version = article_published(article_id=article_id)
    try:
        consultation = consultation_ask(
            station=worker.registered_station,
            topic=version.article.topic,
            channel=ConsultationChannel.WEB,
            worker=worker,
            article=version.article,
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _(
                "Your question is at the window of %(station)s, number %(ticket)d. Staff will talk to you there or call you."
            )
            % {"station": consultation.station.name, "ticket": consultation.ticket},
        )
    return redirect("portal:worker_policy", article_id=version.article_id)
