"""Policy consultation (政策咨询): the articles (write, review, publish, withdraw, versions) and the windows' log."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lingong.accounts.doors import staff_door
from lingong.accounts.selectors import role_allows, role_require
from lingong.core.errors import ApplicationError, NotAllowed, NotFound
from lingong.core.forms import form_error_show
from lingong.core.pagination import page_of
from lingong.policy import selectors, services
from lingong.policy.models import ArticleStatus
from lingong.workers.selectors import access_worker

from .. import forms
from .common import console_context, console_station, console_view, int_or_none

policy_door = staff_door("policy.view")


def _audio(upload):
    return (upload.read(), upload.content_type) if upload else None


def _texts(data: dict) -> dict:
    return {name: data[name] for name in services.TEXT_FIELDS}


# --- articles -----------------------------------------------------------------------------------


@policy_door
def articles(request):
    status = request.GET.get("status", "")
    status = status if status in ArticleStatus.values else ""
    rows = list(selectors.article_list_for_staff(user=request.user, status=status))
    latest = selectors.article_latest_versions(articles=rows)
    context = console_context(
        request,
        rows=[(article, latest.get(article.pk)) for article in rows],
        status=status,
        statuses=ArticleStatus.choices,
        may_edit=role_allows(request.user, "policy.edit"),
    )
    return render(request, "console/policy_articles.html", context)


@policy_door
def article_new(request):
    role_require(request.user, "policy.edit")
    form = forms.PolicyArticleForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                article = services.policy_article_create(
                    actor=request.user,
                    topic=data["topic"],
                    audio_zh=_audio(data["audio_zh"]),
                    audio_bo=_audio(data["audio_bo"]),
                    **_texts(data),
                )
            except ApplicationError as error:
                status = form_error_show(form, error)
            else:
                messages.success(request, _("Saved as a draft. Send it for review when both languages are written."))
                return redirect("console:policy_article", pk=article.pk)
    return render(
        request, "console/policy_article.html", console_context(request, form=form, article=None), status=status
    )


@policy_door
def article(request, pk: int):
    """One article: its state, the edit form (a new version on save), the review buttons, the versions."""
    article = selectors.article_for_staff(user=request.user, article_id=pk)
    versions = selectors.article_versions(user=request.user, article=article)
    latest = versions[0]
    initial = {"topic": article.topic, **{name: getattr(latest, name) for name in services.TEXT_FIELDS}}
    form = forms.PolicyArticleForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.policy_article_edit(
                    article=article,
                    actor=request.user,
                    topic=data["topic"],
                    audio_zh=_audio(data["audio_zh"]),
                    audio_bo=_audio(data["audio_bo"]),
                    **_texts(data),
                )
            except ApplicationError as error:
                if isinstance(error, NotAllowed | NotFound):
                    raise
                status = form_error_show(form, error)
            else:
                messages.success(request, _("Saved as a new version."))
                return redirect("console:policy_article", pk=article.pk)
    user = request.user
    context = console_context(
        request,
        form=form,
        article=article,
        latest=latest,
        versions=versions,
        note_form=forms.ReviewNoteForm(),
        may_edit=role_allows(user, "policy.edit") and article.status != ArticleStatus.IN_REVIEW,
        may_submit=role_allows(user, "policy.edit") and article.status == ArticleStatus.DRAFT,
        may_review=role_allows(user, "policy.approve")
        and article.status == ArticleStatus.IN_REVIEW
        and user.pk not in {latest.author_id, article.submitted_by_id},
        own_text=article.status == ArticleStatus.IN_REVIEW and user.pk in {latest.author_id, article.submitted_by_id},
        may_return=role_allows(user, "policy.edit") and article.status == ArticleStatus.IN_REVIEW,
        may_withdraw=role_allows(user, "policy.approve") and article.published_version_id is not None,
    )
    return render(request, "console/policy_article.html", context, status=status)


@policy_door
def article_version(request, pk: int, number: int):
    article = selectors.article_for_staff(user=request.user, article_id=pk)
    versions = selectors.article_versions(user=request.user, article=article)
    version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise NotFound()
    return render(request, "console/policy_version.html", console_context(request, article=article, version=version))


def _article_action(request, pk: int, action, done: str, **extra):
    article = selectors.article_for_staff(user=request.user, article_id=pk)
    try:
        action(article=article, actor=request.user, **extra)
    except ApplicationError as error:
        if isinstance(error, NotFound):
            raise
        messages.error(request, str(error.message))
    else:
        messages.success(request, done)
    return redirect("console:policy_article", pk=article.pk)


@policy_door
@require_POST
def article_submit(request, pk: int):
    return _article_action(
        request, pk, services.policy_article_submit, _("Sent for review. Another member of staff will check it.")
    )


@policy_door
@require_POST
def article_return(request, pk: int):
    note = str(request.POST.get("note", ""))[:300]
    return _article_action(request, pk, services.policy_article_return, _("Sent back to the writer."), note=note)


@policy_door
@require_POST
def article_publish(request, pk: int):
    return _article_action(request, pk, services.policy_article_publish, _("Published: workers read this version now."))


@policy_door
@require_POST
def article_withdraw(request, pk: int):
    note = str(request.POST.get("note", ""))[:300]
    return _article_action(
        request, pk, services.policy_article_withdraw, _("Withdrawn: workers no longer see it."), note=note
    )


# --- the consultation log -------------------------------------------------------------------------


def _log_form(request, data=None):
    worker_id = int_or_none(request.GET.get("worker") or (data or {}).get("worker"))
    return forms.ConsultationForm(
        data,
        articles=selectors.article_choices_published(),
        initial={"token": uuid.uuid4().hex, "worker": worker_id, "channel": "window"},
    )


@console_view
def consultations(request):
    """The clerk's page: log a question, the questions waiting from the kiosks, follow-ups due, the log."""
    station = console_station(request)
    user = request.user
    form = _log_form(request, request.POST or None)
    status = 200
    worker = None
    worker_id = int_or_none(request.POST.get("worker") or request.GET.get("worker"))
    if worker_id:
        worker = access_worker(user=user, worker_id=worker_id)
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            article = None
            if data["article"]:
                article = selectors.article_published(article_id=data["article"]).article
            try:
                services.consultation_record(
                    actor=user,
                    station=station,
                    channel=data["channel"],
                    topic=data["topic"],
                    question=data["question"],
                    answer=data["answer"],
                    referral=data["referral"],
                    referral_note=data["referral_note"],
                    follow_up_on=data["follow_up_on"],
                    worker=worker,
                    article=article,
                    token=data["token"],
                )
            except ApplicationError as error:
                if isinstance(error, NotFound):
                    raise
                status = form_error_show(form, error)
            else:
                messages.success(request, _("The consultation is recorded."))
                return redirect("console:consultations")
    filters = forms.ConsultationFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    log = selectors.consultation_list(
        user=user,
        station=station,
        topic=chosen.get("topic") or "",
        referral=chosen.get("referral") or "",
        since=chosen.get("since"),
        until=chosen.get("until"),
    )
    waiting = selectors.consultation_waiting(user=user, station=station)
    context = console_context(
        request,
        form=form,
        worker=worker,
        filters=filters,
        page=page_of(log, page=request.GET.get("page"), per_page=25),
        waiting=[(c, forms.ConsultationAnswerForm(initial={"topic": c.topic}, prefix=f"c{c.pk}")) for c in waiting],
        due=selectors.consultation_follow_ups_due(user=user, station=station),
        figures=selectors.consultation_figures(user=user, station=station),
        may_log=station is not None and role_allows(user, "consultation.log", station_id=station.pk),
        today=timezone.localdate(),
    )
    return render(request, "console/consultations.html", context, status=status)


@console_view
@require_POST
def consultation_answer(request, pk: int):
    consultation = selectors.access_consultation(user=request.user, consultation_id=pk, action="consultation.log")
    form = forms.ConsultationAnswerForm(request.POST, prefix=f"c{consultation.pk}")
    if not form.is_valid():
        messages.error(request, _("Please write what you answered."))
        return redirect("console:consultations")
    data = form.cleaned_data
    try:
        services.consultation_answer(consultation=consultation, actor=request.user, **data)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The answer is recorded."))
    return redirect("console:consultations")


@console_view
@require_POST
def consultation_follow_up(request, pk: int):
    consultation = selectors.access_consultation(user=request.user, consultation_id=pk, action="consultation.log")
    try:
        services.consultation_follow_up_done(consultation=consultation, actor=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The follow-up is done."))
    return redirect("console:consultations")
