"""A card reader simulator for development and tests.

    python -m lingong.kiosk.reader_sim --kiosk CODE --secret S --id-number 540102198001011234 --name 扎西

prints the signed JSON a reader's local agent would hand to the kiosk page
(`window.kioskCardRead(message)`); with --url it posts it there itself,
with --cookie carrying the kiosk browser's cookies (device + session) so
the read lands in that browser's session. Birth date and sex default to
what the ID number says, so only mismatches need to be given.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from datetime import date

from lingong.kiosk.signing import card_message


def card_fields(
    *,
    id_number: str,
    name: str,
    sex: str | None = None,
    birth_date: str | None = None,
    ethnicity: str = "藏",
    address: str = "西藏拉萨市城关区",
    valid_from: str = "20200101",
    valid_until: str = "20400101",
) -> dict:
    """The chip fields, as the reader returns them (strings; dates YYYYMMDD)."""
    number = id_number.strip().upper()
    if birth_date is None:
        birth_date = number[6:14]
    if sex is None:
        sex = "男" if number[16:17].isdigit() and int(number[16]) % 2 else "女"
    return {
        "name": name,
        "sex": sex,
        "ethnicity": ethnicity,
        "birth_date": birth_date,
        "address": address,
        "id_number": number,
        "valid_from": valid_from,
        "valid_until": valid_until,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kiosk", required=True, help="kiosk code")
    parser.add_argument("--secret", required=True, help="kiosk secret (shown once at kiosk registration)")
    parser.add_argument("--id-number", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--sex", help="男 or 女 (default: from the ID number)")
    parser.add_argument("--birth-date", help="YYYYMMDD (default: from the ID number)")
    parser.add_argument("--valid-until", default=f"{date.today().year + 10}0101", help="YYYYMMDD or 长期")
    parser.add_argument("--timestamp", type=int, help="Unix time (default: now)")
    parser.add_argument("--nonce", help="default: random")
    parser.add_argument("--url", help="post to this card endpoint, e.g. http://127.0.0.1:8000/kiosk/card/")
    parser.add_argument("--cookie", default="", help="Cookie header of the kiosk browser (with --url)")
    parser.add_argument("--csrf", default="", help="CSRF token of the kiosk browser (with --url)")
    args = parser.parse_args(argv)
    fields = card_fields(
        id_number=args.id_number, name=args.name, sex=args.sex, birth_date=args.birth_date, valid_until=args.valid_until
    )
    message = card_message(
        secret=args.secret, fields=fields, kiosk=args.kiosk, nonce=args.nonce, timestamp=args.timestamp
    )
    body = json.dumps(message, ensure_ascii=False)
    if not args.url:
        print(body)
        return 0
    request = urllib.request.Request(
        args.url,
        data=body.encode("utf-8"),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Cookie": args.cookie,
            "X-CSRFToken": args.csrf,
            "Referer": args.url,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (URL given by the developer)
            print(response.read().decode("utf-8"))
            return 0
    except urllib.error.HTTPError as error:
        print(error.read().decode("utf-8"), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
