"""A local fake Stripe (localstripe) for the tests: started once per session on a free loopback port.

    fake = start_localstripe()            # or the `localstripe` pytest fixture below
    fake.api_base                         # STRIPE_API_BASE for the app
    fake.js_url                           # STRIPE_JS_URL: localstripe's stand-in for Stripe.js
    fake.register_webhook("http://127.0.0.1:5000/stripe/webhook", "whsec_test")
    fake.wipe()                           # forget every object (webhooks stay registered)
    fake.stop()

It runs in a subprocess so that its asyncio loop never competes with the app under test, and its
state is never written to disk (localstripe's own CLI keeps a pickle in /tmp, shared between runs).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

# The child binds port 0 itself (no race for a "free" port) and prints the port it got.
_SERVER = """
import socket, sys
from aiohttp import web
from localstripe import resources
from localstripe.server import app

resources.Store.dump_to_disk = lambda self: None  # state in memory only
sock = socket.socket()
sock.bind(("127.0.0.1", 0))
print(sock.getsockname()[1], flush=True)
web.run_app(app, sock=sock, print=None, access_log=None, handle_signals=True)
"""

SECRET_KEY = "sk_test_plenary"
PUBLISHABLE_KEY = "pk_test_plenary"
WEBHOOK_SECRET = "whsec_plenary_test"


@dataclass
class LocalStripe:
    port: int
    process: subprocess.Popen = field(repr=False)

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def js_url(self) -> str:
        return f"{self.api_base}/js.stripe.com/v3/"

    def app_config(self, webhook_secret: str = WEBHOOK_SECRET) -> dict[str, str]:
        """The app settings that point Plenary at this server."""
        return {
            "STRIPE_SECRET_KEY": SECRET_KEY,
            "STRIPE_PUBLISHABLE_KEY": PUBLISHABLE_KEY,
            "STRIPE_WEBHOOK_SECRET": webhook_secret,
            "STRIPE_API_BASE": self.api_base,
            "STRIPE_JS_URL": self.js_url,
        }

    def _request(self, method: str, path: str, body: dict | None = None) -> None:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.api_base}{path}", data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=5) as response:
            response.read()

    def wipe(self) -> None:
        self._request("DELETE", "/_config/data")

    def register_webhook(
        self,
        url: str,
        secret: str = WEBHOOK_SECRET,
        events: list[str] | None = None,
        name: str = "plenary",
    ) -> None:
        """Deliver events (about a second after they happen) to `url`, signed with `secret`."""
        body: dict = {"url": url, "secret": secret}
        if events is not None:
            body["events"] = events
        self._request("POST", f"/_config/webhooks/{name}", body)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_localstripe(timeout: float = 15.0) -> LocalStripe:
    process = subprocess.Popen(
        [sys.executable, "-c", _SERVER],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = process.stdout.readline() if process.stdout else ""
    if not line.strip().isdigit():
        process.kill()
        raise RuntimeError("localstripe did not start")
    fake = LocalStripe(port=int(line), process=process)
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(fake.js_url, timeout=1):
                return fake
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                fake.stop()
                raise RuntimeError("localstripe did not answer") from None
            time.sleep(0.05)


@pytest.fixture(scope="session")
def localstripe_server() -> Iterator[LocalStripe]:
    fake = start_localstripe()
    yield fake
    fake.stop()


@pytest.fixture
def localstripe(localstripe_server: LocalStripe) -> Iterator[LocalStripe]:
    """The session's localstripe, emptied before each test."""
    localstripe_server.wipe()
    yield localstripe_server
