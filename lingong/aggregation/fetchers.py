"""How a source's payload arrives: fetched over HTTP with the platform's credentials, or a file staff dropped.

Both give bytes and a name to the same run (`services.import_run`); the adapters never know which.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import requests

HTTP_TIMEOUT_SECONDS = (5, 30)  # connect, read
MAX_PAYLOAD_BYTES = 20 * 1024 * 1024


class FetchError(Exception):
    """The payload could not be had (the platform refused, timed out, sent too much)."""


@dataclass(frozen=True)
class Payload:
    content: bytes
    name: str


class Fetcher(Protocol):
    def fetch(self) -> Payload: ...


@dataclass(frozen=True)
class HttpFetcher:
    url: str
    credentials: str = ""
    header: str = "Authorization"

    def fetch(self) -> Payload:
        headers = {"Accept": "application/json, application/xml, text/csv, */*"}
        if self.credentials:
            headers[self.header] = self.credentials
        try:
            with requests.get(self.url, headers=headers, timeout=HTTP_TIMEOUT_SECONDS, stream=True) as response:
                if response.status_code != 200:
                    raise FetchError(f"HTTP {response.status_code}")
                chunks, size = [], 0
                for chunk in response.iter_content(chunk_size=65536):
                    size += len(chunk)
                    if size > MAX_PAYLOAD_BYTES:
                        raise FetchError("the feed is larger than 20 MB")
                    chunks.append(chunk)
        except requests.RequestException as error:
            raise FetchError(error.__class__.__name__) from None
        return Payload(b"".join(chunks), self.url.rsplit("/", 1)[-1][:200])


@dataclass(frozen=True)
class FileFetcher:
    """A file staff uploaded in the console ("run now" with a file)."""

    content: bytes
    name: str

    def fetch(self) -> Payload:
        if len(self.content) > MAX_PAYLOAD_BYTES:
            raise FetchError("the file is larger than 20 MB")
        return Payload(self.content, self.name[:200])
