from lingong.kiosk.tests.conftest import kiosk, kiosk_and_secret, kiosk_client, secret, signed  # noqa: F401  (fixtures)
