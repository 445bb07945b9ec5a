from django.urls import path

from . import employer_views as e
from . import views
from . import worker_views as w

app_name = "portal"
urlpatterns = [
    path("", views.landing, name="landing"),
    # the worker door
    path("w/", w.home, name="worker_home"),
    path("w/login/", w.login_view, name="worker_login"),
    path("w/logout/", w.logout_view, name="worker_logout"),
    path("w/register/", w.register, name="worker_register"),
    path("w/profile/", w.profile, name="worker_profile"),
    path("w/profile/trades/", w.profile_trades, name="worker_trades"),
    path("w/profile/times/", w.profile_times, name="worker_times"),
    path("w/profile/edit/", w.profile_edit, name="worker_profile_edit"),
    path("w/profile/phone/", w.profile_phone, name="worker_phone"),
    path("w/jobs/", w.jobs, name="worker_jobs"),
    path("w/jobs/<int:job_id>/", w.job_detail, name="worker_job"),
    path("w/jobs/<int:job_id>/apply/", w.job_apply, name="worker_apply"),
    path("w/mine/", w.mine, name="worker_mine"),
    path("w/applications/<int:application_id>/accept/", w.application_accept_view, name="worker_accept"),
    path("w/applications/<int:application_id>/decline/", w.application_decline_view, name="worker_decline"),
    path("w/applications/<int:application_id>/withdraw/", w.application_withdraw_view, name="worker_withdraw"),
    path("w/messages/", w.inbox, name="worker_messages"),
    path("w/work/", w.work, name="worker_work"),
    path("w/work/<int:placement_id>/confirm/", w.work_confirm, name="worker_work_confirm"),
    path("w/work/<int:placement_id>/rate/", w.rate, name="worker_rate"),
    path("w/agreements/<int:agreement_id>/sign/", w.agreement_sign, name="worker_agreement_sign"),
    path("w/wages/<int:wage_id>/received/", w.wage_received, name="worker_wage_received"),
    path("w/wages/<int:wage_id>/not-received/", w.wage_not_received, name="worker_wage_not_received"),
    path("w/score/", w.score, name="worker_score"),
    path("w/score/appeal/<slug:kind>/<int:target_id>/", w.appeal, name="worker_appeal"),
    # the employer door
    path("e/", e.home, name="employer_home"),
    path("e/login/", e.login_view, name="employer_login"),
    path("e/logout/", e.logout_view, name="employer_logout"),
    path("e/signup/", e.signup, name="employer_signup"),
    path("e/language/", e.language_set, name="employer_language"),
    path("e/post/", e.post_choose, name="employer_post"),
    path("e/post/<slug:slug>/", e.post_job, name="employer_post_form"),
    path("e/jobs/<int:job_id>/", e.job_detail, name="employer_job"),
    path("e/jobs/<int:job_id>/invite/", e.job_invite, name="employer_invite"),
    path("e/jobs/<int:job_id>/close/", e.job_close_view, name="employer_close"),
    path("e/applications/<int:application_id>/accept/", e.application_accept_view, name="employer_accept"),
    path("e/applications/<int:application_id>/decline/", e.application_decline_view, name="employer_decline"),
    path("e/placements/<int:placement_id>/", e.placement_detail, name="employer_placement"),
    path("e/placements/<int:placement_id>/sign/", e.placement_sign, name="employer_placement_sign"),
    path("e/placements/<int:placement_id>/hours/", e.placement_hours, name="employer_placement_hours"),
    path("e/placements/<int:placement_id>/paid/", e.placement_paid, name="employer_placement_paid"),
    path("e/placements/<int:placement_id>/rate/", e.placement_rate, name="employer_placement_rate"),
    path("e/credit/", e.credit_view, name="employer_credit"),
    path("e/credit/appeal/", e.credit_appeal, name="employer_credit_appeal"),
]
