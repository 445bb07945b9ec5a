"""Mounted at /attendance/ (lingong/urls.py)."""

from django.urls import path

from . import views

app_name = "attendance"

urlpatterns = [
    path("jobs/<int:job_id>/code/", views.job_checkin_code, name="job_checkin_code"),
    path("checkin/<str:token>/", views.checkin, name="checkin"),
]
