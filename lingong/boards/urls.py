from django.urls import path

from . import views

app_name = "boards"

urlpatterns = [
    path("", views.index, name="index"),
    path("events/", views.events, name="events"),
    path("hall/", views.hall, name="hall"),
    path("<slug:code>/jobs/", views.jobs, name="jobs"),
    path("<slug:code>/feed/", views.feed, name="feed"),
    path("<slug:code>/news/", views.news, name="news"),
    path("photos/<int:notice_id>.jpg", views.photo, name="photo"),
]
