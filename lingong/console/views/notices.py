"""The station's news and photos on its screens (工作剪影): staff put them up and take them down."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lingong.accounts.selectors import role_require
from lingong.boards.selectors import access_notice_for_staff, notice_list_for_staff
from lingong.boards.services import station_notice_hide, station_notice_post
from lingong.core.errors import ApplicationError, NotFound
from lingong.core.forms import form_error_show

from .. import forms
from .common import console_context, console_station, console_view, int_or_none


@console_view
def notices(request):
    """Station staff: their station's news; other roles that may: the station picked at the top."""
    station = console_station(request)
    if station is None:
        return render(request, "console/notices.html", console_context(request, pick_station=True), status=200)
    role_require(request.user, "notice.change", station_id=station.pk)
    form = forms.StationNoticeForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                station_notice_post(actor=request.user, station=station, photo=data.pop("photo"), **data)
            except ApplicationError as error:
                status = form_error_show(form, error)
            else:
                messages.success(request, _("The news is on the station's screens."))
                return redirect("console:notices")
    context = console_context(request, form=form, notices=notice_list_for_staff(user=request.user, station=station))
    return render(request, "console/notices.html", context, status=status)


@console_view
@require_POST
def notice_hide(request, pk: int):
    notice_id = int_or_none(pk)
    if notice_id is None:
        raise NotFound()
    station_notice_hide(actor=request.user, notice=access_notice_for_staff(user=request.user, notice_id=notice_id))
    messages.success(request, _("Taken down from the screens."))
    return redirect("console:notices")
