"""Show what a phone received from the embedded SMS backend (the demo has no SMS gateway).

The embedded backend stands in for the phone network: it keeps each delivered
text in `SmsOutbox`, as the phone would show it, sign-in codes included. The
staff's outbox (/console/messages/) keeps them redacted.
"""

from django.core.management.base import BaseCommand, CommandError

from lingong.accounts.models import SmsOutbox
from lingong.core.masking import mask_phone
from lingong.core.phone import validate_mobile_phone
from lingong.core.validation import ValidationProblem


class Command(BaseCommand):
    help = "Print the last SMS that a phone received from the embedded backend (demo only)."

    def add_arguments(self, parser):
        parser.add_argument("phone")
        parser.add_argument("--last", type=int, default=5)

    def handle(self, *args, phone, last, **options):
        try:
            phone = validate_mobile_phone(phone)
        except ValidationProblem as problem:
            raise CommandError(str(problem.message)) from None
        messages = SmsOutbox.objects.filter(phone_masked=mask_phone(phone)).order_by("-sent_at", "-id")[:last]
        for message in reversed(list(messages)):
            self.stdout.write(f"{message.sent_at:%Y-%m-%d %H:%M:%S}  {message.body}")
        if not messages:
            self.stdout.write("No SMS for this phone.")
