"""My data (PIPL), at both doors: take a copy (JSON or PDF), ask for deletion, withdraw consent."""

from __future__ import annotations

from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from lingong.core.models import Channel
from lingong.privacy.pdf import privacy_export_pdf
from lingong.privacy.services import (
    privacy_consent_withdraw,
    privacy_deletion_request,
    privacy_export,
    privacy_export_json,
    retention_days,
)

from .access import employer_door, worker_door


def _page(request, subject, *, door: str):
    return render(
        request,
        "portal/my_data.html",
        {"door": door, "subject": subject, "retention_days": retention_days("after_deletion")},
    )


def _copy(request, subject, *, as_pdf: bool):
    sections = privacy_export(subject=subject, actor=request.user, channel=Channel.WEB)
    if as_pdf:
        response = HttpResponse(privacy_export_pdf(sections), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="lingong-my-data.pdf"'
    else:
        response = HttpResponse(privacy_export_json(sections), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="lingong-my-data.json"'
    return response


def _delete(request, subject, *, door: str):
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "portal/my_data.html",
            {"door": door, "subject": subject, "retention_days": retention_days("after_deletion"), "unconfirmed": True},
            status=400,
        )
    asked = privacy_deletion_request(subject=subject, actor=request.user, channel=Channel.WEB)
    logout(request)
    return render(request, "portal/my_data_deleted.html", {"purge_after": asked.purge_after})


@require_GET
@worker_door
def worker_my_data(request, worker):
    return _page(request, worker, door="w")


@require_GET
@worker_door
def worker_my_data_copy(request, worker, fmt: str):
    return _copy(request, worker, as_pdf=fmt == "pdf")


@require_POST
@worker_door
def worker_my_data_delete(request, worker):
    return _delete(request, worker, door="w")


@require_POST
@worker_door
def worker_consent_withdraw(request, worker):
    privacy_consent_withdraw(worker=worker, actor=request.user, channel=Channel.WEB)
    logout(request)
    return render(request, "portal/my_data_deleted.html", {"consent_withdrawn": True})


@require_GET
@employer_door
def employer_my_data(request, employer):
    return _page(request, employer, door="e")


@require_GET
@employer_door
def employer_my_data_copy(request, employer, fmt: str):
    return _copy(request, employer, as_pdf=fmt == "pdf")


@require_POST
@employer_door
def employer_my_data_delete(request, employer):
    return _delete(request, employer, door="e")
