"""Browser tests: Playwright's Python client driving Debian's Chromium (no browser download)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import totp_code

CHROMIUM = os.environ.get("LINDUNG_CHROMIUM", "/usr/bin/chromium")
# Django's live server runs in a thread; Playwright's sync API runs an event loop in the
# test thread, which Django would otherwise refuse as an async context.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        pytest.skip(f"Chromium not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A 360 px wide phone-sized page."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


class RequestLog:
    def __init__(self, page: Any, origin: str) -> None:
        self.origin = origin
        self.foreign: list[str] = []
        page.on("request", self._on_request)

    def _on_request(self, request: Any) -> None:
        url: str = request.url
        if not (url.startswith(self.origin) or url.startswith(("data:", "blob:", "about:"))):
            self.foreign.append(url)


@pytest.fixture
def request_log() -> type[RequestLog]:
    return RequestLog


def sign_in(page: Any, base: str, username: str, password: str) -> None:
    """Log in through the pages as a person does, with the second step when the account has
    two-factor (the fixtures enrol every role that must: tests/conftest.py)."""
    from lindung.accounts.models import User

    page.goto(base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    if "/accounts/two-factor/" in page.url:
        page.fill("#id_code", totp_code(User.objects.get(username=username)))
        page.get_by_role("button", name="Verifikasi").click()
    # Each role lands on its own work (/staff/ or where it sends them).
    page.wait_for_url(lambda url: "/accounts/" not in url)
