"""Give a kiosk a new secret and print it once, for its card-reader agent
(or for `python -m lingong.kiosk.reader_sim` during development)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lingong.core.errors import ApplicationError
from lingong.stations.models import Kiosk
from lingong.stations.services import kiosk_secret_rotate


class Command(BaseCommand):
    help = "Rotate a kiosk's secret and print the new one."

    def add_arguments(self, parser):
        parser.add_argument("kiosk", help="kiosk code, e.g. gongdelin-1")
        parser.add_argument("--as", dest="username", required=True, help="a district administrator's username")

    def handle(self, *args, kiosk: str, username: str, **options):
        found = Kiosk.objects.filter(code=kiosk).first()
        if found is None:
            raise CommandError(f"no kiosk {kiosk!r}; known: {', '.join(Kiosk.objects.values_list('code', flat=True))}")
        actor = get_user_model().objects.filter(username=username).first()
        try:
            secret = kiosk_secret_rotate(kiosk=found, actor=actor)
        except ApplicationError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(secret)
