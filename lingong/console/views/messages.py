"""The console's messages: the outbox (what was sent to whom, and whether it arrived) and,
at the window, the language a worker's messages are written in.

Thin views: access is checked by the selectors and services.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lingong.core.errors import ApplicationError
from lingong.core.models import Channel
from lingong.notifications.models import NotificationKind, NotificationStatus, ReceiptStatus
from lingong.notifications.selectors import notification_list_for_staff, notification_require_view
from lingong.workers.selectors import access_worker
from lingong.workers.services import worker_profile_update

from .common import console_context, console_view

PAGE_SIZE = 100


@console_view
@require_GET
def outbox(request):
    notification_require_view(user=request.user)
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    status = status if status in NotificationStatus.values else ""
    kind = kind if kind in NotificationKind.values else ""
    receipt = request.GET.get("receipt", "")
    receipt = receipt if receipt in ReceiptStatus.values else ""
    rows = notification_list_for_staff(user=request.user, status=status, kind=kind, receipt=receipt)[:PAGE_SIZE]
    return render(
        request,
        "console/messages.html",
        console_context(
            request,
            rows=rows,
            status=status,
            kind=kind,
            receipt=receipt,
            receipts=ReceiptStatus.choices,
            statuses=NotificationStatus.choices,
            kinds=NotificationKind.choices,
        ),
    )


@console_view
@require_POST
def worker_language(request, pk: int):
    worker = access_worker(user=request.user, worker_id=pk)
    language = request.POST.get("language", "")
    if language not in {code for code, _name in settings.LANGUAGES}:
        messages.error(request, _("Please choose a language."))
        return redirect("console:worker", pk=worker.pk)
    try:
        worker_profile_update(worker=worker, actor=request.user, channel=Channel.WINDOW, language=language)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Saved."))
    return redirect("console:worker", pk=worker.pk)
