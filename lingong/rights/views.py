"""The rights window: thin views over rights services and selectors."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lingong.accounts.doors import staff_door
from lingong.accounts.selectors import role_allows, role_require
from lingong.core.errors import ApplicationError, NotFound
from lingong.core.forms import form_error_show
from lingong.core.money import format_yuan
from lingong.employers.selectors import access_employer
from lingong.workers.selectors import access_worker, worker_find_by_id_number, worker_find_by_phone

from . import forms
from .selectors import access_case, case_figures, case_list_for_officer, case_timeline
from .services import (
    mediation_record,
    rights_case_close,
    rights_case_decide,
    rights_case_evidence_export,
    rights_case_note,
    rights_case_open,
)

staff_view = staff_door()  # each view checks its own permission (case.view, case.intake, …)


@staff_view
def case_list(request):
    role_require(request.user, "case.view")
    today = timezone.localdate()
    cases = case_list_for_officer(user=request.user, status=request.GET.get("status") or None)
    figures = case_figures(user=request.user, date_from=today.replace(day=1), date_to=today)
    return render(
        request,
        "rights/case_list.html",
        {
            "cases": cases,
            "figures": figures,
            "recovered": format_yuan(figures.recovered_fen),
            "claimed": format_yuan(figures.claimed_fen),
            "may_intake": role_allows(request.user, "case.intake"),
        },
    )


def _find_worker(user, token: str):
    """A worker by number (short), or by phone / ID number (looked up through the keyed digest)."""
    if token.isdigit() and len(token) < 11:
        return access_worker(user=user, worker_id=int(token))
    found = worker_find_by_phone(phone=token) or worker_find_by_id_number(id_number=token)
    if found is None:
        raise NotFound()
    return access_worker(user=user, worker_id=found.pk)


@staff_view
def case_new(request):
    role_require(request.user, "case.intake")
    form = forms.CaseIntakeForm(request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            workers = [_find_worker(request.user, token) for token in data["worker_ids"]]
            employer = access_employer(user=request.user, employer_id=data["employer_id"])
            case = rights_case_open(
                workers=workers,
                employer=employer,
                kind=data["kind"],
                amount_claimed_fen=data["amount_claimed"],
                description=data["description"],
                channel=data["channel"],
                actor=request.user,
                station=request.user.station,
            )
        except ApplicationError as error:
            status = form_error_show(form, error)
        else:
            return redirect("rights:case", case_id=case.pk)
    return render(request, "rights/case_new.html", {"form": form}, status=status)


@staff_view
def case_detail(request, case_id: int):
    role_require(request.user, "case.view")
    case = access_case(user=request.user, case_id=case_id)
    return render(
        request,
        "rights/case_detail.html",
        {
            "case": case,
            "workers": case.workers.all(),
            "timeline": case_timeline(user=request.user, case=case),
            "mediations": case.mediations.all(),
            "claimed": format_yuan(case.amount_claimed_fen),
            "recovered": format_yuan(case.amount_recovered_fen),
            "may_change": role_allows(request.user, "case.change"),
            "mediation_form": forms.MediationForm(),
            "outcome_form": forms.OutcomeForm(),
            "note_form": forms.NoteForm(),
        },
    )


def _post_action(request, case_id: int, form_class, act):
    case = access_case(user=request.user, case_id=case_id)
    form = form_class(request.POST)
    status = 400
    if form.is_valid():
        try:
            act(case, form.cleaned_data)
        except ApplicationError as error:
            status = form_error_show(form, error)
        else:
            return redirect("rights:case", case_id=case.pk)
    return render(
        request,
        "rights/case_detail.html",
        {
            "case": case,
            "workers": case.workers.all(),
            "timeline": case_timeline(user=request.user, case=case),
            "mediations": case.mediations.all(),
            "claimed": format_yuan(case.amount_claimed_fen),
            "recovered": format_yuan(case.amount_recovered_fen),
            "may_change": True,
            "mediation_form": form if form_class is forms.MediationForm else forms.MediationForm(),
            "outcome_form": form if form_class is forms.OutcomeForm else forms.OutcomeForm(),
            "note_form": form if form_class is forms.NoteForm else forms.NoteForm(),
        },
        status=status,
    )


@staff_view
@require_POST
def case_mediation(request, case_id: int):
    return _post_action(
        request,
        case_id,
        forms.MediationForm,
        lambda case, d: mediation_record(
            case=case,
            held_on=d["held_on"],
            attendees=d["attendees"],
            result=d["result"],
            amount_agreed_fen=d["amount_agreed"],
            note=d["note"],
            actor=request.user,
        ),
    )


@staff_view
@require_POST
def case_outcome(request, case_id: int):
    return _post_action(
        request,
        case_id,
        forms.OutcomeForm,
        lambda case, d: rights_case_decide(
            case=case,
            outcome=d["outcome"],
            amount_recovered_fen=d["amount_recovered"],
            note=d["note"],
            actor=request.user,
        ),
    )


@staff_view
@require_POST
def case_note(request, case_id: int):
    return _post_action(
        request,
        case_id,
        forms.NoteForm,
        lambda case, d: rights_case_note(case=case, text=d["text"], actor=request.user),
    )


@staff_view
@require_POST
def case_close(request, case_id: int):
    case = access_case(user=request.user, case_id=case_id)
    rights_case_close(case=case, actor=request.user)
    return redirect(reverse("rights:case", kwargs={"case_id": case.pk}))


@staff_view
def case_evidence(request, case_id: int):
    case = access_case(user=request.user, case_id=case_id)
    pdf = rights_case_evidence_export(case=case, actor=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="case-{case.pk}-evidence.pdf"'
    return response
