"""Log records carry the id of the request they belong to (`-` outside a request)."""

from __future__ import annotations

import logging

from .requests import request_id_var


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True
