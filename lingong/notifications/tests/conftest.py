from lingong.kiosk.tests.conftest import kiosk, kiosk_and_secret, kiosk_client, secret  # noqa: F401  (fixtures)
