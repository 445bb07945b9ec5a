from django.shortcuts import render

from lingong.credit.selectors import honour_list_employers, honour_list_workers
from lingong.jobs.selectors import job_list_open_public
from lingong.stations.selectors import station_list_active


def landing(request):
    return render(
        request,
        "portal/landing.html",
        {
            "stations": station_list_active(),
            "jobs": job_list_open_public()[:12],
            "honour_employers": honour_list_employers(limit=10),
            "honour_workers": honour_list_workers(limit=10),
        },
    )
