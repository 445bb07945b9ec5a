"""The JSON API (/api/v1) for the mobile app, built with django-ninja."""

from ninja import NinjaAPI

api = NinjaAPI(title="Lingong API", version="1", urls_namespace="api")
