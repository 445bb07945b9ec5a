"""A task that always fails, for the tests of retries and failure records (never in TASK_MODULES)."""

from huey.contrib.djhuey import db_task


@db_task(retries=2, retry_delay=1)
def delivery_always_refused_task(case: int, phone: str) -> None:
    raise RuntimeError(f"the gateway refused {phone} (case {case})")
