from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from lingong.core.live import live_watch


class BoardsConfig(AppConfig):
    name = "lingong.boards"
    verbose_name = _("Station boards")

    def ready(self) -> None:
        # What the screens show: a change of any of these (an event recorded about it) is announced after its
        # commit where Redis is (lingong/core/live.py, lingong/boards/live.py).
        live_watch("jobs.Job", "jobs.Placement", "boards.StationNotice")
