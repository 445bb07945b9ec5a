from django.contrib import admin

from lingong.core.admin import ServicesOnlyAdmin

from .models import Consultation, PolicyArticle, PolicyArticleVersion


@admin.register(PolicyArticle)
class PolicyArticleAdmin(ServicesOnlyAdmin):
    """Articles are written, reviewed and published in the console; here they are read."""

    list_display = ("id", "topic", "status", "published_version", "published_at", "updated_at")
    list_filter = ("topic", "status")


@admin.register(PolicyArticleVersion)
class PolicyArticleVersionAdmin(ServicesOnlyAdmin):
    list_display = ("article", "number", "title_zh", "author", "created_at")
    exclude = ("audio_zh", "audio_bo")


@admin.register(Consultation)
class ConsultationAdmin(ServicesOnlyAdmin):
    list_display = ("created_at", "station", "channel", "topic", "referral", "status", "follow_up_on")
    list_filter = ("topic", "referral", "status", "channel", "station")
    raw_id_fields = ("worker", "article")
