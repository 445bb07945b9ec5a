"""Print the demo staff's current second-step codes (what their authenticator app would show)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lingong.demo.records import DEMO_ACCOUNTS, DEMO_SECOND_FACTOR_KEY


class Command(BaseCommand):
    help = "Demo only: the 6-digit code each demo staff account needs now for the second step of sign-in."

    def handle(self, *args, **options):
        if not getattr(settings, "LINGONG_DEMO", False):
            raise CommandError("demo_otp is for the embedded demo settings (make run) only.")
        usernames = [username for username, *_rest in DEMO_ACCOUNTS]
        devices = TOTPDevice.objects.filter(user__username__in=usernames, confirmed=True).select_related("user")
        for device in devices.order_by("user__username"):
            if device.bin_key != DEMO_SECOND_FACTOR_KEY:
                continue  # someone enrolled their own app: their code is on their phone only
            totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
            totp.time = time.time()
            left = device.step - int(totp.time - device.t0) % device.step
            self.stdout.write(f"{device.user.username:18} {totp.token():0{device.digits}d}  ({left} s left)")
