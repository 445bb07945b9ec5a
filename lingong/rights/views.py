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
from lingong.core.money import format_yuan_with_unit
from lingong.employers.selectors import access_employer
from lingong.workers.selectors import access_worker, worker_find_by_id_number, worker_find_by_phone

from . import forms
from .selectors import (
    access_case,
    case_figures,
    case_list_for_officer,
    case_list_queue,
    case_timeline,
    duty_shift_list,
    officer_list_for_roster,
)
from .services import (
    mediation_record,
    rights_case_assign,
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
            "recovered": format_yuan_with_unit(figures.recovered_fen),
            "claimed": format_yuan_with_unit(figures.claimed_fen),
            "may_intake": role_allows(request.user, "case.intake"),
            "duty_today": duty_shift_list(user=request.user, day=today),
            "may_view_roster": True,
            "queue": case_list_queue(user=request.user, station=request.user.station),
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


def _detail_context(request, case, *, form=None, may_change=None) -> dict:
    """The case page; `form` is the one that was refused (shown with its errors, what was typed kept)."""
    may_change = role_allows(request.user, "case.change") if may_change is None else may_change
    officers = officer_list_for_roster(user=request.user) if may_change else None

    def pick(form_class, fresh):
        return form if form is not None and isinstance(form, form_class) else fresh

    return {
        "case": case,
        "workers": case.workers.all(),
        "timeline": case_timeline(user=request.user, case=case),
        "mediations": case.mediations.all(),
        "claimed": format_yuan_with_unit(case.amount_claimed_fen),
        "recovered": format_yuan_with_unit(case.amount_recovered_fen),
        "may_change": may_change,
        "mediation_form": pick(forms.MediationForm, forms.MediationForm()),
        "outcome_form": pick(forms.OutcomeForm, forms.OutcomeForm()),
        "note_form": pick(forms.NoteForm, forms.NoteForm()),
        "assign_form": pick(forms.AssignForm, forms.AssignForm(officers=officers)) if may_change else None,
    }


@staff_view
def case_detail(request, case_id: int):
    role_require(request.user, "case.view")
    case = access_case(user=request.user, case_id=case_id)
    return render(request, "rights/case_detail.html", _detail_context(request, case))


def _post_action(request, case_id: int, form_class, act, **form_kwargs):
    case = access_case(user=request.user, case_id=case_id)
    form = form_class(request.POST, **form_kwargs)
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
        _detail_context(request, case, form=form, may_change=True),
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
def case_assign(request, case_id: int):
    """Give the case to an officer; from one officer to another only with a reason (on the timeline)."""
    role_require(request.user, "case.change")
    return _post_action(
        request,
        case_id,
        forms.AssignForm,
        lambda case, d: rights_case_assign(case=case, officer=d["officer"], reason=d["reason"], actor=request.user),
        officers=officer_list_for_roster(user=request.user),
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
