"""My score (credit): what counts, and appealing an entry."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lingong.core.errors import ApplicationError, InvalidInput
from lingong.credit.selectors import credit_event_of_worker, credit_explain, penalty_of_worker
from lingong.credit.services import appeal_create

from .common import (
    APPEAL_REASONS,
    render_work,
    worker_required,
)


@require_GET
@worker_required
def score(request):
    return render_work(
        request,
        "kiosk/score.html",
        {
            "explanation": credit_explain(subject=request.worker, user=request.user),
            "notice": request.session.pop("kiosk_notice", None),
            "error": request.session.pop("kiosk_error", None),
        },
        prompt="score",
    )


def _contested(request, kind: str, target_id: int) -> dict:
    if kind == "event":
        return {"credit_event": credit_event_of_worker(worker=request.worker, event_id=target_id)}
    if kind == "penalty":
        return {"penalty": penalty_of_worker(worker=request.worker, penalty_id=target_id)}
    raise Http404()


@require_http_methods(["GET", "POST"])
@worker_required
def appeal(request, kind: str, target_id: int):
    contested = _contested(request, kind, target_id)
    error = None
    if request.method == "POST":
        choice = APPEAL_REASONS.get(request.POST.get("reason", ""))
        try:
            if choice is None:
                raise InvalidInput(_("Please choose one picture."), code="reason_required")
            with translation.override("zh-hans"):  # staff read appeals in Chinese
                reason = _("At the kiosk: %(reason)s") % {"reason": choice[0]}
            appeal_create(reason=reason, actor=request.user, **contested)
        except ApplicationError as error_:
            error = error_
        else:
            request.session["kiosk_notice"] = str(_("Your appeal is sent. Staff will decide within three days."))
            return redirect("kiosk:score")
    return render_work(
        request,
        "kiosk/appeal.html",
        {
            "reasons": [(key, label, icon) for key, (label, icon) in APPEAL_REASONS.items()],
            "error": error and error.message,
            "contested": next(iter(contested.values())),
        },
        prompt="appeal",
        status=error.status if error else 200,
    )
