"""My score (credit) and appeals."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lingong.credit.selectors import credit_event_of_worker, credit_explain, penalty_of_worker
from lingong.credit.services import appeal_create

from ..access import worker_door
from .common import done_redirect


@require_GET
@worker_door
def score(request, worker):
    return render(
        request, "portal/worker/score.html", {"explanation": credit_explain(subject=worker, user=request.user)}
    )


@require_POST
@worker_door
def appeal(request, worker, kind: str, target_id: int):
    if kind == "event":
        contested = {"credit_event": credit_event_of_worker(worker=worker, event_id=target_id)}
    elif kind == "penalty":
        contested = {"penalty": penalty_of_worker(worker=worker, penalty_id=target_id)}
    else:
        return redirect("/w/score/")
    return done_redirect(
        request,
        lambda: appeal_create(reason=request.POST.get("reason", "")[:2001], actor=request.user, **contested),
        _("Your appeal is sent. Staff will decide within three days."),
        to="/w/score/",
    )
