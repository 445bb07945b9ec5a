"""What the task consumer did: one row per scheduled slot run, one per task that failed for good."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """A periodic task's run for one slot of its schedule.

    The unique (task, slot) pair makes a slot run once: the scheduler, a
    catch-up at consumer start and a second consumer all claim the same row,
    and only the first claim runs the work.
    """

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")

    task = models.CharField(_("task"), max_length=100)
    slot = models.DateTimeField(_("scheduled for"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.RUNNING)
    caught_up = models.BooleanField(_("caught up after a stop"), default=False)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        ordering = ["-slot", "task"]
        constraints = [models.UniqueConstraint(fields=["task", "slot"], name="scheduled_run_once_per_slot")]

    def __str__(self) -> str:
        return f"{self.task} @ {self.slot:%Y-%m-%d %H:%M}"


class TaskFailure(models.Model):
    """A task that failed after its last retry, for staff to see and act on.

    `args` holds only numbers and type names, never personal data; long
    digit runs in the error (a phone, an ID number) are cut out.
    """

    task = models.CharField(_("task"), max_length=100)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    args = models.CharField(_("arguments"), max_length=200, blank=True)
    error = models.TextField(_("error"))
    retries = models.PositiveSmallIntegerField(_("retries made"), default=0)
    failed_at = models.DateTimeField(_("failed at"), db_index=True)

    class Meta:
        verbose_name = _("failed task")
        verbose_name_plural = _("failed tasks")
        ordering = ["-failed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.task} {self.failed_at:%Y-%m-%d %H:%M}"
