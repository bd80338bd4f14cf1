# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Headless Chromium from Debian's package, driven by Playwright, for the tests that look at pages."""

from __future__ import annotations

import contextlib
import os
import shutil

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As root in a closed network: no sandbox, and none of Chromium's own background connections.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "output", "browser")


@contextlib.contextmanager
def chromium():
    """A launched browser, or the test fails (never skips) saying how to get Chromium."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            "Chromium is not installed at %s: `make test` installs Debian's package chromium with apt-get "
            "(as root or through sudo); install it and run again" % CHROMIUM,
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot_path(name):
    os.makedirs(SCREENSHOTS, exist_ok=True)
    return os.path.join(SCREENSHOTS, name)
