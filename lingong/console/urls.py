from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import message_views as mv
from . import protection_views as pv
from . import staff_call_views as scv
from . import views

app_name = "console"
urlpatterns = [
    path("login/", views.ConsoleLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page=reverse_lazy("console:login")), name="logout"),
    path("", views.day, name="day"),
    path("station/", views.station_pick, name="station_pick"),
    path("workers/", views.worker_search, name="workers"),
    path("workers/new/", views.worker_new, name="worker_new"),
    path("workers/<int:pk>/", views.worker_detail, name="worker"),
    path("workers/<int:pk>/reveal/", views.worker_reveal_phone, name="worker_reveal"),
    path("workers/<int:pk>/propose/", views.worker_propose, name="worker_propose"),
    path("workers/<int:pk>/calls/", views.worker_call, name="worker_call"),
    path("jobs/", views.job_list, name="jobs"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/propose/", views.job_propose, name="job_propose"),
    path("employers/", views.employer_find, name="employers"),
    path("employers/new/", views.employer_new, name="employer_new"),
    path("employers/<int:employer_pk>/jobs/new/", views.job_new, name="job_new"),
    path("at-risk/", pv.at_risk, name="at_risk"),
    path("placements/<int:pk>/confirm/", pv.placement_confirm_view, name="placement_confirm"),
    path("followups/", pv.followups, name="followups"),
    path("followups/<int:pk>/", pv.followup_outcome, name="followup_outcome"),
    path("decisions/", pv.decisions, name="decisions"),
    path("appeals/<int:pk>/decide/", pv.appeal_decide_view, name="appeal_decide"),
    path("disputes/<int:pk>/decide/", pv.dispute_decide_view, name="dispute_decide"),
    path("wages/<int:pk>/received/", pv.wage_received_by_phone, name="wage_received"),
    path("staff-calls/", scv.staff_call_list, name="staff_calls"),
    path("staff-calls/poll/", scv.staff_call_poll, name="staff_call_poll"),
    path("staff-calls/<int:pk>/take/", scv.staff_call_take_view, name="staff_call_take"),
    path("staff-calls/<int:pk>/close/", scv.staff_call_close_view, name="staff_call_close"),
    path("messages/", mv.outbox, name="messages"),
    path("workers/<int:pk>/language/", mv.worker_language, name="worker_language"),
]
