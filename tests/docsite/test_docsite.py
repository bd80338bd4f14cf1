# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The built docsite (`make docsite`), browsed in headless Chromium as a reader would."""

from __future__ import annotations

import functools
import html.parser
import http.server
import os
import sys
import threading
import urllib.parse

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "tools"))
from chromium import chromium, screenshot_path  # noqa: E402  pylint: disable=wrong-import-position

SITE = os.environ.get("PP_DOCSITE", os.path.join(ROOT, ".build", "docsite"))
COLLECTION = "collections/proofpoint/essentials/"
PLUGIN_PAGES = [
    "proofpoint_domain_module.html",
    "proofpoint_domains_module.html",
    "proofpoint_domain_info_module.html",
    "proofpoint_orgs_inventory.html",
    "domains_role.html",
]


class Anchors(html.parser.HTMLParser):
    """The hrefs and the ids of one page."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


@functools.cache
def parsed(path):
    anchors = Anchors()
    with open(path, encoding="utf-8") as handle:
        anchors.feed(handle.read())
    return anchors


def pages():
    return sorted(
        os.path.join(folder, name)
        for folder, _dirs, names in os.walk(SITE)
        for name in names
        if name.endswith(".html") and "_static" not in folder
    )


@pytest.fixture(scope="module")
def served():
    if not os.path.exists(os.path.join(SITE, "index.html")):
        pytest.fail("no docsite at %s: run `make docsite` first" % SITE, pytrace=False)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=SITE)
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield "http://127.0.0.1:%d/" % server.server_address[1]
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def test_every_internal_link_resolves(served):
    broken = []
    for page in pages():
        for href in parsed(page).hrefs:
            target = urllib.parse.urlsplit(href)
            if target.scheme or target.netloc or href.startswith("mailto:"):
                continue
            # "/x" is relative to the site's root (the theme's home link), "x" to the page.
            base = SITE if target.path.startswith("/") else os.path.dirname(page)
            relative = urllib.parse.unquote(target.path).lstrip("/")
            path = os.path.normpath(os.path.join(base, relative)) if target.path else page
            if os.path.isdir(path):
                path = os.path.join(path, "index.html")
            if not os.path.exists(path) or (
                target.fragment and path.endswith(".html") and target.fragment not in parsed(path).ids
            ):
                broken.append("%s -> %s" % (os.path.relpath(page, SITE), href))
    assert broken == []
    assert len(pages()) >= 20


@pytest.mark.parametrize(
    "page, heading",
    [
        ("index.html", "proofpoint.essentials"),
        (COLLECTION + "index.html", "Proofpoint.Essentials"),
        (COLLECTION + "docsite/fleet.html", "The fleet: every customer org of a partner"),
    ]
    + [(COLLECTION + page, page.rsplit("_", 1)[0]) for page in PLUGIN_PAGES],
)
def test_pages_load_without_errors(served, browser, page, heading):
    tab = browser.new_page()
    problems = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    response = tab.goto(served + page)
    assert response.status == 200
    assert heading.lower() in tab.locator("h1").first.text_content().lower()
    assert problems == []
    tab.close()


def test_search_finds_the_inventory_plugin(served, browser):
    tab = browser.new_page()
    tab.goto(served + "search.html?q=partner")
    results = tab.locator("ul.search li")
    results.first.wait_for(timeout=15000)
    titles = " ".join(results.all_text_contents())
    assert "proofpoint_orgs" in titles and "fleet" in titles.lower()
    tab.screenshot(path=screenshot_path("docsite-search.png"), full_page=True)
    tab.close()
