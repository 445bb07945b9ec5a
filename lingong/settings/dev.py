"""The embedded default: SQLite under var/, generated secrets, debug on."""

from .base import *  # noqa: F401,F403

DEBUG = True
