from django.urls import path

from . import views

app_name = "rights"

urlpatterns = [
    path("", views.case_list, name="cases"),
    path("new/", views.case_new, name="case_new"),
    path("<int:case_id>/", views.case_detail, name="case"),
    path("<int:case_id>/mediation/", views.case_mediation, name="case_mediation"),
    path("<int:case_id>/outcome/", views.case_outcome, name="case_outcome"),
    path("<int:case_id>/assign/", views.case_assign, name="case_assign"),
    path("<int:case_id>/note/", views.case_note, name="case_note"),
    path("<int:case_id>/close/", views.case_close, name="case_close"),
    path("<int:case_id>/evidence.pdf", views.case_evidence, name="case_evidence"),
]
