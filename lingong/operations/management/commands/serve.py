"""Serve the web app and the huey task consumer together (`make run`)."""

from __future__ import annotations

import signal
import subprocess

from django.core.management import call_command
from django.core.management.base import BaseCommand

from lingong.operations.registry import consumer_argv


class Command(BaseCommand):
    help = "Run the web server and the task consumer in one command."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args, host: str, port: str, **options):
        # The consumer registers exactly lingong.operations.registry.TASK_MODULES (docs/operations.md).
        consumer = subprocess.Popen([*consumer_argv(), "--quiet"])
        self.stdout.write(f"task consumer started (pid {consumer.pid})")
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False)
        finally:
            consumer.send_signal(signal.SIGINT)
            try:
                consumer.wait(timeout=10)
            except subprocess.TimeoutExpired:
                consumer.kill()
