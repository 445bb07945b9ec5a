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
    path("phone/", views.phone_change, name="phone_change"),
    path("phone/code/", views.phone_code, name="phone_code"),
    path("call-staff/", views.call_staff, name="call_staff"),
    path("finish/", views.finish, name="finish"),
    path("audio/prompt/<str:language>/<slug:prompt_id>.wav", views.prompt_audio, name="prompt_audio"),
    path("audio/job/<int:job_id>.wav", views.job_audio, name="job_audio"),
]
