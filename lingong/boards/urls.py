from django.urls import path

from . import views

app_name = "boards"

urlpatterns = [
    path("", views.index, name="index"),
    path("events/", views.events, name="events"),
    path("<slug:code>/jobs/", views.jobs, name="jobs"),
    path("<slug:code>/feed/", views.feed, name="feed"),
]
