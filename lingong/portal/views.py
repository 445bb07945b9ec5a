from django.shortcuts import render

from lingong.jobs.selectors import job_list_open_public
from lingong.stations.selectors import station_list_active


def landing(request):
    return render(
        request,
        "portal/landing.html",
        {"stations": station_list_active(), "jobs": job_list_open_public()[:12]},
    )
