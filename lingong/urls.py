from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy
from django.views.generic import RedirectView

from lingong.api.api import api
from lingong.monitoring import views as monitoring

admin.site.site_header = gettext_lazy("Lingong gig market")  # in the reader's language, as on every other page
admin.site.site_title = gettext_lazy("Lingong gig market")

urlpatterns = [
    path("healthz", monitoring.healthz, name="healthz"),
    path("metrics", monitoring.metrics, name="metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("kiosk/", include("lingong.kiosk.urls")),
    path("boards/", include("lingong.boards.urls")),
    path("console/", include("lingong.console.urls")),
    path("dashboard/", RedirectView.as_view(pattern_name="console:stats", query_string=True), name="dashboard"),
    path("agreements/", include("lingong.agreements.urls")),
    path("attendance/", include("lingong.attendance.urls")),
    path("rights/", include("lingong.rights.urls")),
    path("", include("lingong.portal.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
