"""A clerk lost the phone with their authenticator: forget it, so they set up a new one at the next sign-in."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lingong.accounts.second_factor import second_factor_reset
from lingong.core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Forget a staff member's authenticator app (lost or changed phone) and end their sessions. "
        "Done on behalf of a district administrator, with a reason; both are kept on the timeline."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="whose second step to reset")
        parser.add_argument("--by", required=True, help="the district administrator asking for it (username)")
        parser.add_argument("--reason", required=True, help="why (kept on the timeline)")

    def handle(self, *args, username: str, by: str, reason: str, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
            actor = User.objects.get(username=by)
        except User.DoesNotExist as missing:
            raise CommandError(f"No such user: {missing}") from None
        try:
            removed = second_factor_reset(actor=actor, user=user, reason=reason)
        except ApplicationError as refused:
            raise CommandError(f"Refused ({refused.code}): only a district administrator may reset.") from None
        self.stdout.write(f"{username}: {removed} authenticator(s) forgotten; sessions ended.")
