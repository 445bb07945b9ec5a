from django.urls import path

from . import views

app_name = "kiosk"
urlpatterns = [
    path("", views.start, name="start"),
    path("setup/", views.setup, name="setup"),
    path("card/", views.card_read, name="card"),
    path("scan/", views.scan, name="scan"),
    path("qr/status/", views.qr_status, name="qr_status"),
    path("q/<str:code>/", views.qr_confirm, name="qr_confirm"),
    path("my-code/", views.my_code, name="my_code"),
    path("register/", views.register_confirm, name="register_confirm"),
    path("register/phone/", views.register_phone, name="register_phone"),
    path("register/trades/", views.register_trades, name="register_trades"),
    path("register/times/", views.register_times, name="register_times"),
    path("register/consent/", views.register_consent, name="register_consent"),
    path("home/", views.home, name="home"),
    path("jobs/<int:job_id>/apply/", views.apply, name="apply"),
    path("applications/<int:application_id>/withdraw/", views.withdraw, name="withdraw"),
    path("applications/<int:application_id>/answer/", views.answer, name="answer"),
    path("phone/", views.phone_change, name="phone_change"),
    path("phone/code/", views.phone_code, name="phone_code"),
    path("call-staff/", views.call_staff, name="call_staff"),
    path("finish/", views.finish, name="finish"),
    path("audio/prompt/<str:language>/<slug:prompt_id>.wav", views.prompt_audio, name="prompt_audio"),
    path("audio/job/<int:job_id>.wav", views.job_audio, name="job_audio"),
    # my work, my score, wages not paid
    path("work/", views.work, name="work"),
    path("work/<int:placement_id>/confirm/", views.work_confirm, name="work_confirm"),
    path("work/<int:placement_id>/rate/", views.rate, name="rate"),
    path("agreements/<int:agreement_id>/sign/", views.agreement_sign, name="agreement_sign"),
    path("agreements/<int:agreement_id>/sign/code/", views.agreement_code, name="agreement_code"),
    path("wages/<int:wage_id>/received/", views.wage_received, name="wage_received"),
    path("wages/<int:wage_id>/not-received/", views.wage_not_received, name="wage_not_received"),
    path("score/", views.score, name="score"),
    path("score/appeal/<slug:kind>/<int:target_id>/", views.appeal, name="appeal"),
    path("help/wages/", views.wage_help, name="wage_help"),
    path("help/wages/amount/", views.wage_help_amount, name="wage_help_amount"),
    path("help/wages/done/", views.wage_help_done, name="wage_help_done"),
]
