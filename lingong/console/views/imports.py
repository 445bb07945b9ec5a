"""Postings from other platforms (lingong/aggregation): the sources, a run now with a file, each run's
report row by row, and the queue of titles whose trade the matcher was not sure of."""

from __future__ import annotations

import json

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lingong.accounts.doors import staff_door
from lingong.accounts.selectors import role_allows
from lingong.aggregation.models import FetchKind, Platform
from lingong.aggregation.selectors import (
    access_run,
    access_source,
    access_trade_review,
    run_list,
    source_list,
    trade_review_list,
)
from lingong.aggregation.services import import_run, source_save, trade_mapping_correct
from lingong.core.errors import ApplicationError, NotFound
from lingong.core.forms import form_error_show
from lingong.core.pagination import page_of

from ..import_forms import ImportRunForm, ImportSourceForm, TradeCorrectForm
from .common import console_context, int_or_none


def _id(pk) -> int:
    value = int_or_none(pk)
    if value is None:
        raise NotFound()
    return value


@staff_door("import.view")
def import_sources(request):
    context = console_context(
        request,
        sources=source_list(user=request.user),
        runs=run_list(user=request.user),
        may_manage=role_allows(request.user, "import.manage"),
        run_form=ImportRunForm(),
    )
    return render(request, "console/imports.html", context)


@staff_door("import.manage")
def import_source_edit(request, pk=None):
    source = access_source(user=request.user, source_id=_id(pk)) if pk is not None else None
    initial = {}
    if source is not None:
        initial = {
            "name": source.name,
            "platform": source.platform,
            "fetch_kind": source.fetch_kind,
            "url": source.url,
            "credentials_header": source.credentials_header,
            "column_mapping": json.dumps(source.column_mapping, ensure_ascii=False, indent=1)
            if source.column_mapping
            else "",
            "expiry_days": source.expiry_days,
            "full_feed": source.full_feed,
            "station": source.station_id,
            "is_active": source.is_active,
        }
    form = ImportSourceForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                source = source_save(actor=request.user, source=source, **form.cleaned_data)
            except ApplicationError as error:
                status = form_error_show(form, error)
            else:
                messages.success(request, _("The source is saved."))
                return redirect("console:imports")
    context = console_context(request, form=form, source=source, platforms=Platform, fetch_kinds=FetchKind)
    return render(request, "console/import_source.html", context, status=status)


@staff_door("import.manage")
@require_POST
def import_run_now(request, pk):
    source = access_source(user=request.user, source_id=_id(pk))
    form = ImportRunForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(request, error)
        return redirect("console:imports")
    upload = form.cleaned_data.get("file")
    try:
        run = import_run(
            source=source,
            actor=request.user,
            upload=(upload.read(), upload.name) if upload is not None else None,
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("console:imports")
    return redirect("console:import_run", pk=run.pk)


@staff_door("import.view")
def import_run_report(request, pk):
    run, rows = access_run(user=request.user, run_id=_id(pk))
    outcome = request.GET.get("outcome", "")
    if outcome:
        rows = rows.filter(outcome=outcome)
    context = console_context(
        request, run=run, rows=page_of(rows, page=request.GET.get("page"), per_page=100), outcome=outcome
    )
    return render(request, "console/import_run.html", context)


@staff_door("trade_mapping.review")
def trade_queue(request):
    reviews = page_of(trade_review_list(user=request.user), page=request.GET.get("page"), per_page=50)
    context = console_context(request, reviews=reviews, form=TradeCorrectForm())
    return render(request, "console/trade_queue.html", context)


@staff_door("trade_mapping.review")
@require_POST
def trade_correct(request, pk):
    review = access_trade_review(user=request.user, review_id=_id(pk))
    form = TradeCorrectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose the trade."))
        return redirect("console:trade_queue")
    trade_mapping_correct(review=review, job_type=form.cleaned_data["job_type"], actor=request.user)
    messages.success(request, _("Corrected: the same title will get this trade from now on."))
    return redirect("console:trade_queue")
