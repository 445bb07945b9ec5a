from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from .views import day, employers, jobs, messages, protection, sign_in, staff_calls, workers

app_name = "console"
urlpatterns = [
    path("login/", sign_in.ConsoleLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page=reverse_lazy("console:login")), name="logout"),
    path("", day.day, name="day"),
    path("station/", day.station_pick, name="station_pick"),
    path("workers/", workers.worker_search, name="workers"),
    path("workers/new/", workers.worker_new, name="worker_new"),
    path("workers/<int:pk>/", workers.worker_detail, name="worker"),
    path("workers/<int:pk>/reveal/", workers.worker_reveal_phone, name="worker_reveal"),
    path("workers/<int:pk>/propose/", workers.worker_propose, name="worker_propose"),
    path("workers/<int:pk>/calls/", workers.worker_call, name="worker_call"),
    path("jobs/", jobs.job_list, name="jobs"),
    path("jobs/<int:pk>/", jobs.job_detail, name="job"),
    path("jobs/<int:pk>/propose/", jobs.job_propose, name="job_propose"),
    path("employers/", employers.employer_find, name="employers"),
    path("employers/new/", employers.employer_new, name="employer_new"),
    path("employers/<int:employer_pk>/jobs/new/", employers.job_new, name="job_new"),
    path("at-risk/", protection.at_risk, name="at_risk"),
    path("placements/<int:pk>/confirm/", protection.placement_confirm_view, name="placement_confirm"),
    path("followups/", protection.followups, name="followups"),
    path("followups/<int:pk>/", protection.followup_outcome, name="followup_outcome"),
    path("decisions/", protection.decisions, name="decisions"),
    path("appeals/<int:pk>/decide/", protection.appeal_decide_view, name="appeal_decide"),
    path("disputes/<int:pk>/decide/", protection.dispute_decide_view, name="dispute_decide"),
    path("wages/<int:pk>/received/", protection.wage_received_by_phone, name="wage_received"),
    path("staff-calls/", staff_calls.staff_call_list, name="staff_calls"),
    path("staff-calls/poll/", staff_calls.staff_call_poll, name="staff_call_poll"),
    path("staff-calls/<int:pk>/take/", staff_calls.staff_call_take_view, name="staff_call_take"),
    path("staff-calls/<int:pk>/close/", staff_calls.staff_call_close_view, name="staff_call_close"),
    path("messages/", messages.outbox, name="messages"),
    path("workers/<int:pk>/language/", messages.worker_language, name="worker_language"),
]
