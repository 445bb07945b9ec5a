"""Mounted at /attendance/ (lingong/urls.py)."""

from django.urls import path

from . import views

app_name = "attendance"

urlpatterns = [
    path("jobs/<int:job_id>/checkin-qr.svg", views.job_checkin_qr, name="job_checkin_qr"),
    path("checkin/<str:token>/", views.checkin, name="checkin"),
]
