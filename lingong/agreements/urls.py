"""Mounted at /agreements/ (lingong/urls.py)."""

from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("<int:agreement_id>/pdf/", views.agreement_pdf_view, name="pdf"),
    path("verify/<uuid:public_id>/", views.agreement_verify_view, name="verify"),
]
