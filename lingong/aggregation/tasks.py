"""Periodic imports (huey): every active feed fetched, and imported jobs past their source's days lapse."""

from lingong.operations.schedules import scheduled_task

from .services import imported_expire_due, sources_run_scheduled


@scheduled_task()
def import_sources_task(*, now) -> dict:
    return {"runs": len(sources_run_scheduled()), "expired": imported_expire_due()}
