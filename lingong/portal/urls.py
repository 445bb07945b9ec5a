from django.urls import path

from . import my_data, views
from .employer import credit as employer_credit
from .employer import jobs as employer_jobs
from .employer import placements as employer_placements
from .employer import sign_in as employer_sign_in
from .worker import jobs as worker_jobs
from .worker import policy as worker_policy
from .worker import profile as worker_profile
from .worker import score as worker_score
from .worker import sign_in as worker_sign_in
from .worker import training as worker_training
from .worker import work as worker_work

app_name = "portal"
urlpatterns = [
    path("", views.landing, name="landing"),
    # the worker door
    path("w/", worker_profile.home, name="worker_home"),
    path("w/login/", worker_sign_in.login_view, name="worker_login"),
    path("w/logout/", worker_sign_in.logout_view, name="worker_logout"),
    path("w/register/", worker_sign_in.register, name="worker_register"),
    path("w/profile/", worker_profile.profile, name="worker_profile"),
    path("w/profile/trades/", worker_profile.profile_trades, name="worker_trades"),
    path("w/profile/times/", worker_profile.profile_times, name="worker_times"),
    path("w/profile/edit/", worker_profile.profile_edit, name="worker_profile_edit"),
    path("w/profile/phone/", worker_profile.profile_phone, name="worker_phone"),
    path("w/my-data/", my_data.worker_my_data, name="worker_my_data"),
    path("w/my-data/copy.pdf", my_data.worker_my_data_copy, {"fmt": "pdf"}, name="worker_my_data_pdf"),
    path("w/my-data/copy.json", my_data.worker_my_data_copy, {"fmt": "json"}, name="worker_my_data_json"),
    path("w/my-data/delete/", my_data.worker_my_data_delete, name="worker_my_data_delete"),
    path("w/my-data/withdraw-consent/", my_data.worker_consent_withdraw, name="worker_consent_withdraw"),
    path("w/jobs/", worker_jobs.jobs, name="worker_jobs"),
    path("w/jobs/<int:job_id>/", worker_jobs.job_detail, name="worker_job"),
    path("w/jobs/<int:job_id>/apply/", worker_jobs.job_apply, name="worker_apply"),
    path("w/mine/", worker_jobs.mine, name="worker_mine"),
    path("w/applications/<int:application_id>/accept/", worker_jobs.application_accept_view, name="worker_accept"),
    path("w/applications/<int:application_id>/decline/", worker_jobs.application_decline_view, name="worker_decline"),
    path(
        "w/applications/<int:application_id>/withdraw/", worker_jobs.application_withdraw_view, name="worker_withdraw"
    ),
    path("w/messages/", worker_jobs.inbox, name="worker_messages"),
    path("w/policy/", worker_policy.policies, name="worker_policies"),
    path("w/policy/<int:article_id>/", worker_policy.policy, name="worker_policy"),
    path("w/policy/<int:article_id>/ask/", worker_policy.policy_ask, name="worker_policy_ask"),
    path("w/work/", worker_work.work, name="worker_work"),
    path("w/work/<int:placement_id>/confirm/", worker_work.work_confirm, name="worker_work_confirm"),
    path("w/work/<int:placement_id>/rate/", worker_work.rate, name="worker_rate"),
    path("w/agreements/<int:agreement_id>/sign/", worker_work.agreement_sign, name="worker_agreement_sign"),
    path("w/wages/<int:wage_id>/received/", worker_work.wage_received, name="worker_wage_received"),
    path("w/wages/<int:wage_id>/not-received/", worker_work.wage_not_received, name="worker_wage_not_received"),
    path("w/lawyers/", worker_work.duty, name="worker_duty"),
    path("w/score/", worker_score.score, name="worker_score"),
    path("w/training/", worker_training.training, name="worker_training"),
    path("w/training/<int:course_id>/", worker_training.training_course, name="worker_training_course"),
    path("w/training/sessions/<int:session_id>/book/", worker_training.training_book, name="worker_training_book"),
    path(
        "w/training/bookings/<int:booking_id>/cancel/", worker_training.training_cancel, name="worker_training_cancel"
    ),
    path("w/score/appeal/<slug:kind>/<int:target_id>/", worker_score.appeal, name="worker_appeal"),
    # the employer door
    path("e/", employer_jobs.home, name="employer_home"),
    path("e/login/", employer_sign_in.login_view, name="employer_login"),
    path("e/logout/", employer_sign_in.logout_view, name="employer_logout"),
    path("e/signup/", employer_sign_in.signup, name="employer_signup"),
    path("e/language/", employer_sign_in.language_set, name="employer_language"),
    path("e/post/", employer_jobs.post_choose, name="employer_post"),
    path("e/post/<slug:slug>/", employer_jobs.post_job, name="employer_post_form"),
    path("e/jobs/<int:job_id>/", employer_jobs.job_detail, name="employer_job"),
    path("e/jobs/<int:job_id>/invite/", employer_jobs.job_invite, name="employer_invite"),
    path("e/jobs/<int:job_id>/close/", employer_jobs.job_close_view, name="employer_close"),
    path("e/applications/<int:application_id>/accept/", employer_jobs.application_accept_view, name="employer_accept"),
    path(
        "e/applications/<int:application_id>/decline/", employer_jobs.application_decline_view, name="employer_decline"
    ),
    path("e/placements/<int:placement_id>/", employer_placements.placement_detail, name="employer_placement"),
    path("e/placements/<int:placement_id>/sign/", employer_placements.placement_sign, name="employer_placement_sign"),
    path(
        "e/placements/<int:placement_id>/hours/", employer_placements.placement_hours, name="employer_placement_hours"
    ),
    path("e/placements/<int:placement_id>/paid/", employer_placements.placement_paid, name="employer_placement_paid"),
    path("e/placements/<int:placement_id>/rate/", employer_placements.placement_rate, name="employer_placement_rate"),
    path("e/my-data/", my_data.employer_my_data, name="employer_my_data"),
    path("e/my-data/copy.pdf", my_data.employer_my_data_copy, {"fmt": "pdf"}, name="employer_my_data_pdf"),
    path("e/my-data/copy.json", my_data.employer_my_data_copy, {"fmt": "json"}, name="employer_my_data_json"),
    path("e/my-data/delete/", my_data.employer_my_data_delete, name="employer_my_data_delete"),
    path("e/credit/", employer_credit.credit_view, name="employer_credit"),
    path("e/credit/appeal/", employer_credit.credit_appeal, name="employer_credit_appeal"),
]
