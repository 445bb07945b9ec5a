"""The JSON API (/api/v1) for the mobile app, built with django-ninja.

Routers per area in `routers/`; errors in `errors.py` (always `{code, message}`);
bearer tokens in `auth.py`; `Idempotency-Key` in `idempotency.py`;
page-number pagination in `pagination.py`. Described in docs/api.md.
"""

from ninja import NinjaAPI, Router

from lingong.core.errors import NotFound

from . import errors
from .routers import auth, employer, policy, reference, stats, training, worker

fallback = Router()


@fallback.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", auth=None, include_in_schema=False)
def unknown_route(request, rest: str):
    raise NotFound()


WRITE_METHODS = ("post", "put", "patch", "delete")
NOT_RECORDED = ("/auth/sms-code", "/auth/worker/sign-in", "/auth/employer/sign-in")


class LingongAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Add the Idempotency-Key header to every write that records it."""
        schema = super().get_openapi_schema(*args, **kwargs)
        header = {
            "in": "header",
            "name": "Idempotency-Key",
            "required": False,
            "schema": {
                "type": "string",
                "minLength": 1,
                "maxLength": 255,
                "pattern": "^[\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?$",
            },
            "description": "Any unique string (a UUID). The same key again replays the first response "
            "(24 h); the same key with another body is refused (422 idempotency_key_reused).",
        }
        for path, operations in schema["paths"].items():
            if path.endswith(NOT_RECORDED):
                continue
            for method, operation in operations.items():
                if method in WRITE_METHODS:
                    operation.setdefault("parameters", []).append(header)
        return schema


api = LingongAPI(
    title="Lingong API",
    version="1",
    urls_namespace="api",
    description="The worker and employer app of the Lingong gig labour market. See docs/api.md.",
)
errors.install(api)
api.add_router("/auth", auth.router)
api.add_router("/", reference.router)
api.add_router("/worker", worker.router)
api.add_router("/employer", employer.router)
api.add_router("/stats", stats.router)
api.add_router("/worker/training", training.router)
api.add_router("/policy", policy.router)

api.add_router("/", fallback)  # last: any other address answers 404 as `{code, message}`
