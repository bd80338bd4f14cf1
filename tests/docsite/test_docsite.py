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

sys.path.insert(0, os.path.join(ROOT, "docs", "docsite"))
import build  # noqa: E402  pylint: disable=wrong-import-position

SITE = os.environ.get("PP_DOCSITE", os.path.join(ROOT, ".build", "docsite"))
COLLECTION = "collections/proofpoint/essentials/"
PLUGIN_PAGES = [
    "proofpoint_domain_module.html",
    "proofpoint_domains_module.html",
    "proofpoint_domain_info_module.html",
    "proofpoint_fleet_module.html",
    "proofpoint_fleet_org_module.html",
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


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # pylint: disable=arguments-differ
        """Requests are not logged: a failing test's output stays readable."""


@pytest.fixture(scope="module")
def served():
    if not os.path.exists(os.path.join(SITE, "index.html")):
        pytest.fail("no docsite at %s: run `make docsite` first" % SITE, pytrace=False)
    handler = functools.partial(QuietHandler, directory=SITE)
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


def test_front_page_starts_with_the_guides(served, browser):
    tab = browser.new_page(viewport={"width": 1400, "height": 900})
    tab.goto(served + "index.html")
    body = tab.locator("[role=main], .rst-content").first
    first_links = body.locator("a.reference").evaluate_all("(links) => links.slice(0, 6).map((a) => a.textContent)")
    assert first_links == [
        "Getting started",
        "The fleet",
        "Onboarding a customer",
        "Event-Driven Ansible",
        "AWX and Automation Platform",
        "Troubleshooting",
    ]
    tab.locator("a.reference", has_text="The fleet").first.click()
    assert tab.locator("h1").first.text_content().startswith("The fleet")
    tab.goto(served + "index.html")
    tab.locator("a.reference", has_text="Onboarding a customer").first.click()
    assert tab.locator("h1").first.text_content().startswith("Onboarding a customer as code")
    tab.goto(served + "index.html")
    tab.locator("a.reference", has_text="Event-Driven Ansible").first.click()
    assert tab.locator("h1").first.text_content().startswith("Event-Driven Ansible")
    tab.goto(served + "index.html")
    tab.screenshot(path=screenshot_path("docsite-front-page.png"), full_page=True)
    tab.close()


def test_role_page_shows_an_example(served, browser):
    tab = browser.new_page()
    tab.goto(served + COLLECTION + "domains_role.html")
    examples = tab.locator("pre", has_text="proofpoint.essentials.domains")
    assert examples.count() >= 1 and "domains_list:" in examples.first.text_content()
    tab.close()


class CodeOutsideLinks(html.parser.HTMLParser):
    """The texts of <code> elements that are not inside a link or a code block."""

    def __init__(self):
        super().__init__()
        self.depth = {"a": 0, "pre": 0}
        self.codes, self.current = [], None

    def handle_starttag(self, tag, attrs):
        if tag in self.depth:
            self.depth[tag] += 1
        elif tag == "code" and not any(self.depth.values()):
            self.current = ""

    def handle_endtag(self, tag):
        if tag in self.depth:
            self.depth[tag] -= 1
        elif tag == "code" and self.current is not None:
            self.codes.append(self.current)
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current += data


def test_guides_link_the_repository_paths_they_name():
    # What the repository holds, as the build links it: a file a build left here has no page to link.
    tracked_files, tracked_folders = build.tracked_paths()
    named = []
    guides = os.path.join(SITE, COLLECTION, "docsite")
    for name in sorted(os.listdir(guides)):
        reader = CodeOutsideLinks()
        with open(os.path.join(guides, name), encoding="utf-8") as handle:
            reader.feed(handle.read())
        named += [
            "%s: %s" % (name, code)
            for code in reader.codes
            if "/" in code.strip("/") and code.strip().rstrip("/") in tracked_files | tracked_folders
        ]
    assert named == []
