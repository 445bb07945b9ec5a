"""Serve the web app and the huey task consumer together (`make run`, `make dev`)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from lingong.operations.registry import consumer_argv

GUNICORN_CONFIG = settings.BASE_DIR / "deploy" / "gunicorn.conf.py"


def gunicorn_argv(*, host: str, port: str) -> list[str]:
    """gunicorn with the project's config (deploy/gunicorn.conf.py), bound to `host:port`."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "lingong.wsgi:application",
        "--config",
        str(GUNICORN_CONFIG),
        "--bind",
        f"{host}:{port}",
    ]


class Command(BaseCommand):
    help = (
        "Run the web server (gunicorn; runserver with --dev) and the task consumer in one command. "
        "The settings module of this command is the one both use."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--dev", action="store_true", help="Django's runserver (development, with DEBUG on)")

    def handle(self, *args, host: str, port: str, dev: bool, **options):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
        # The consumer registers exactly lingong.operations.registry.TASK_MODULES (docs/operations.md).
        consumer = subprocess.Popen([*consumer_argv(), "--quiet"], env=env)
        self.stdout.write(f"task consumer started (pid {consumer.pid})")
        web = None
        try:
            if dev:
                call_command("runserver", f"{host}:{port}", use_reloader=False)
            else:
                web = subprocess.Popen(gunicorn_argv(host=host, port=port), env=env)
                self.stdout.write(f"gunicorn started (pid {web.pid}) on http://{host}:{port}/")
                web.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for process in (web, consumer):
                if process is not None and process.poll() is None:
                    process.send_signal(signal.SIGTERM if process is web else signal.SIGINT)
            for process in (web, consumer):
                if process is not None:
                    try:
                        process.wait(timeout=15)
                    except subprocess.TimeoutExpired:
                        process.kill()
