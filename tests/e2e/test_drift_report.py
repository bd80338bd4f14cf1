# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet's drift report, generated for real and looked at in headless Chromium, as a person would."""

from __future__ import annotations

import json
import os
import re
import sys

import pytest
from conftest import PASSWORD, ROOT, SEED, Ansible
from launcher import Emulator

sys.path.insert(0, os.path.join(ROOT, "tests", "tools"))
from chromium import chromium, screenshot_path  # pylint: disable=wrong-import-position
from test_fleet import PARTNER, declared_fleet, fleet_copy  # pylint: disable=wrong-import-position

PARTNER_NAME = PARTNER["PROOFPOINT_ESSENTIALS_ORG"]


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The report of 33 orgs: 3 unmanaged, 7 drifting (cust010 by its domains and its sender lists, cust012 by
    its sender lists and a feature alone), 1 failing its max_deletions, 22 in sync."""
    tmp_path = tmp_path_factory.mktemp("drift")
    with Emulator(SEED, extra_args=["--children", "30", "--domains-per-org", "5"]) as emulator:
        ansible = Ansible(emulator, tmp_path)
        host_vars, _writes = declared_fleet(emulator, drift_every=5)
        host_vars["cust007.fleet.example"] = {
            "domains_exclusive": True,
            "domains_max_deletions": 0,
            "domains_list": [{"name": "cust007.fleet.example"}],
        }
        block = {"proofpoint_sender_lists": {"block": ["evil@bad.example"]}}
        host_vars["cust010.fleet.example"].update(block)
        host_vars["cust012.fleet.example"].update(block, proofpoint_features={"disclaimers": True})
        project = fleet_copy(tmp_path, host_vars)
        out = tmp_path / "report"
        run = ansible.run(
            str(project / "drift-report.yml"),
            inventory=str(project / "inventory"),
            env=PARTNER,
            extra_vars={"drift_report_dir": str(out)},
            args=["--forks", "10"],
        )
        assert run.rc == 0, run.output[-3000:]
        assert "(22 in sync, 7 drifting, 1 failed, 3 unmanaged)" in run.stdout
        # Made from the modules' results: one read for the inventory, one per managed org and one of cust012's
        # features (its sender lists came with the inventory), no write.
        assert [r["method"] for r in emulator.requests()] == ["GET"] * 32
        assert "sender-lists" not in str(emulator.requests())
        yield out


def test_report_data_and_page_are_self_contained(report):
    data = json.loads((report / "drift-report.json").read_text())
    assert data["totals"] == {
        "in_sync": 22,
        "drifting": 7,
        "failed": 1,
        "unmanaged": 3,
        "to_create": 0,
        "create": 6,
        "update": 6,
        "delete": 0,
        "senders_add": 2,
        "senders_remove": 0,
        "features": 1,
    }
    page = (report / "drift-report.html").read_text()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page) and "<link" not in page
    assert PASSWORD not in page + json.dumps(data)


def test_report_in_a_browser(report, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems, fetched = [], []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: fetched.append(request.url))
    page.goto((report / "drift-report.html").as_uri())

    counts = {
        key: page.text_content("#count-" + key)
        for key in (
            "in_sync",
            "drifting",
            "failed",
            "unmanaged",
            "create",
            "update",
            "delete",
            "senders-add",
            "features",
        )
    }
    assert counts == {
        "senders-add": "2",
        "features": "1",
        "in_sync": "22",
        "drifting": "7",
        "failed": "1",
        "unmanaged": "3",
        "create": "6",
        "update": "6",
        "delete": "0",
    }
    assert page.locator("#drift-chart rect").count() == 12  # 6 orgs, each one create and one update
    labels = page.locator("#drift-chart text").all_text_contents()
    # The chart counts domains: cust010's sender list write is not one; cust012 (no domain drift) is not there.
    assert labels[labels.index("cust010.fleet.example") + 1] == "2" and "cust012.fleet.example" not in labels
    # Its two domain changes are the widest drift: its bar fills the chart's 560 units.
    widths = page.evaluate(
        """() => [...document.querySelectorAll('#drift-chart rect')]
            .filter((bar) => bar.querySelector('title').textContent.startsWith('cust010.'))
            .map((bar) => parseFloat(bar.getAttribute('width')))"""
    )
    assert sum(widths) == 560, widths

    # Expand a drifting org: the field that differs, before and after side by side.
    details = page.locator("#org-cust010\\.fleet\\.example")
    assert details.evaluate("node => node.open") is False
    details.locator("summary").click()
    assert details.evaluate("node => node.open") is True
    row = details.locator("tr", has_text="192.0.2.99")
    assert row.locator("td.before").text_content() != "" and row.locator("td.after").text_content() == "192.0.2.99"
    # Sender-list and feature drift, in the org's details and its row.
    policy = page.locator("#org-cust012\\.fleet\\.example")
    policy.locator("summary").click()
    assert policy.locator("summary").text_content().endswith("drifting, 1 sender entry, 1 feature")
    assert policy.locator("ul.senders li").all_text_contents() == ["+ block_list evil@bad.example"]
    assert policy.locator("ul.features li").all_text_contents() == ["~ disclaimers: false -> true"]
    cells = page.locator("#orgs tbody tr", has_text="cust012.fleet.example").locator("td.num")
    assert [cells.nth(index).text_content() for index in (4, 5)] == ["+1", "1"]
    failed = page.locator("#org-cust007\\.fleet\\.example")
    failed.locator("summary").click()
    assert "more than max_deletions (0)" in failed.locator(".error").text_content()

    # Filter and sort the org table.
    page.fill("#filter", "cust00")
    assert page.text_content("#shown-count") == "9"
    page.fill("#filter", "")
    page.select_option("#status-filter", "failed")
    assert page.text_content("#shown-count") == "1"
    page.select_option("#status-filter", "policy")
    assert page.text_content("#shown-count") == "2"
    page.select_option("#status-filter", "")
    page.click("#orgs th:has-text('Create')")
    page.click("#orgs th:has-text('Create')")
    assert page.locator("#orgs tbody tr").first.locator("td").nth(4).text_content() == "1"

    # A check-mode plan says what would happen, and the count stays on the controls' baseline.
    assert details.locator("td", has_text="to update").count() == 1
    assert details.locator("td", has_text="to create").count() == 1
    shown_text = page.evaluate("() => document.body.innerText")
    assert "to update" in shown_text and not re.search(r"\b(created|updated|deleted)\b", shown_text)
    label, count = page.evaluate(
        """() => [document.querySelector(".controls label").firstChild, document.getElementById("shown-count")]
            .map((node) => { const text = document.createRange(); text.selectNodeContents(node);
                             return text.getBoundingClientRect().bottom; })"""
    )
    assert abs(label - count) < 1, (label, count)

    page.screenshot(path=screenshot_path("drift-report.png"), full_page=True)
    assert problems == [] and fetched == [(report / "drift-report.html").as_uri()]
    page.close()


def open_page(browser, report, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto((report / "drift-report.html").as_uri())
    return page, problems


def overflow(page):
    """How far the page reaches past the viewport sideways, in CSS pixels (0: no sideways scroll)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("width", [1400, 420])
def test_report_fits_the_screen_with_every_detail_open(report, browser, width):
    page, problems = open_page(browser, report, width)
    page.evaluate("() => document.querySelectorAll('details').forEach((entry) => { entry.open = true; })")
    assert overflow(page) == 0
    chart = page.locator("#drift-chart").bounding_box()
    assert chart["x"] + chart["width"] <= width
    # Every org's detail table has its columns at the same places.
    lefts = page.evaluate(
        "() => [...document.querySelectorAll('table.changes')].map("
        "(table) => [...table.tHead.rows[0].cells].map((cell) => Math.round(cell.getBoundingClientRect().left)))"
    )
    assert len(lefts) == 6 and all(row == lefts[0] for row in lefts), lefts
    page.screenshot(path=screenshot_path("drift-report-%d.png" % width), full_page=True)
    assert problems == []
    page.close()


# Every word of the page (each run of characters without a space) whose rendered boxes lie on more than one
# line: a word or an address broken inside itself.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("script, style, title")) { continue; }
    for (const match of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) { broken.push(match[0]); }
    }
  }
  return broken;
}"""
# The bottom of the first line of each visible header cell of the org table: one baseline, one bottom.
HEADER_TEXT_BOTTOMS = """() => [...document.querySelectorAll("#orgs thead th")]
  .filter((cell) => cell.getClientRects().length > 0)
  .map((cell) => { const text = document.createRange(); text.selectNodeContents(cell);
                   const lines = [...text.getClientRects()].filter((r) => r.width > 0).sort((a, b) => a.top - b.top);
                   return lines[0].bottom; })"""
# How many lines the text of each visible header cell of the org table takes.
HEADER_LINES = """() => [...document.querySelectorAll("#orgs thead th")]
  .filter((cell) => cell.getClientRects().length > 0)
  .map((cell) => { const text = document.createRange(); text.selectNodeContents(cell);
                   const lines = [...text.getClientRects()].filter((r) => r.width > 0);
                   return new Set(lines.map((r) => Math.round(r.top))).size; })"""
# Each stat card's box.
CARD_BOXES = """() => [...document.querySelectorAll(".cards .card")].map((card) => {
  const box = card.getBoundingClientRect(); return {left: box.left, top: box.top, width: box.width}; })"""
# The chart's labels as a person sees them: their font size times the drawing's scale, in CSS pixels.
CHART_LABEL_SIZES = """() => { const chart = document.getElementById("drift-chart");
  const scale = chart.getBoundingClientRect().width / chart.viewBox.baseVal.width;
  return [...chart.querySelectorAll("text")].map((label) => parseFloat(getComputedStyle(label).fontSize) * scale); }"""


@pytest.mark.parametrize("width", [420, 1400])
def test_every_word_stays_whole_and_every_label_is_readable(report, browser, width):
    page, problems = open_page(browser, report, width)
    page.evaluate("() => document.querySelectorAll('details').forEach((entry) => { entry.open = true; })")
    assert overflow(page) == 0
    broken = page.evaluate(BROKEN_WORDS)
    assert broken == [], broken[:20]
    sizes = page.evaluate(CHART_LABEL_SIZES)
    assert len(sizes) == 12 and min(sizes) >= 11, sizes  # 6 names and 6 counts
    bottoms = page.evaluate(HEADER_TEXT_BOTTOMS)
    assert len(bottoms) >= 6 and max(bottoms) - min(bottoms) < 1, bottoms
    # No header of the org table on two lines; the stat cards one width, in rows that line up.
    assert page.evaluate(HEADER_LINES) == [1] * len(bottoms)
    cards = page.evaluate(CARD_BOXES)
    assert len({round(card["width"]) for card in cards}) == 1, cards
    per_row = [
        sum(1 for card in cards if round(card["top"]) == top) for top in sorted({round(c["top"]) for c in cards})
    ]
    assert all(count == per_row[0] for count in per_row[:-1]) and per_row[-1] <= per_row[0], per_row
    # Every org's row says the org and its partner, whatever the width (on a phone, stacked in one cell).
    rows = page.locator("#orgs tbody tr")
    assert all(PARTNER_NAME in rows.nth(index).inner_text() for index in range(rows.count()))
    assert "1\norg failed" in page.inner_text(".cards") and "7\norgs drifting" in page.inner_text(".cards")
    assert "2\nsender entries to add" in page.inner_text(".cards") and "1\nfeature to change" in page.inner_text(
        ".cards"
    )
    # cust007 failed before it was planned: its counts are not known, and say so.
    counts = page.locator("#orgs tbody tr", has_text="cust007.fleet.example").locator("td.num")
    assert [counts.nth(index).text_content() for index in range(3)] == ["\u2014"] * 3
    assert problems == []
    page.close()


def test_every_org_link_opens_its_details(report, browser):
    page, problems = open_page(browser, report, 1400)
    links = page.locator("#orgs a")
    assert links.count() == 11  # 7 drifting, 1 failed, 3 unmanaged; an org in sync has nothing to open
    for index in range(links.count()):
        target = links.nth(index).get_attribute("href")
        assert page.locator(target.replace(".", "\\.")).count() == 1, target
    unmanaged = page.locator("#orgs tr[data-status=unmanaged] a").first
    org = unmanaged.text_content()
    unmanaged.click()
    opened = page.locator("details[data-org='%s']" % org)
    assert opened.evaluate("node => node.open") is True
    assert "never changes it" in opened.text_content() and page.url.endswith("#org-" + org)
    assert problems == []
    page.close()


def test_filter_narrows_the_details_and_says_when_nothing_matches(report, browser):
    page, problems = open_page(browser, report, 1400)
    visible_details = "() => [...document.querySelectorAll('details')].filter((d) => !d.hidden).map((d) => d.id)"
    assert len(page.evaluate(visible_details)) == 11
    page.select_option("#status-filter", "failed")
    assert page.evaluate(visible_details) == ["org-cust007.fleet.example"]
    assert page.is_hidden("#no-org-matches") and page.is_hidden("#no-details-match")
    page.select_option("#status-filter", "")
    page.fill("#filter", "cust01")
    assert page.evaluate(visible_details) == [
        "org-cust010.fleet.example",
        "org-cust012.fleet.example",
        "org-cust015.fleet.example",
    ]
    page.fill("#filter", "cust02")
    page.select_option("#status-filter", "in_sync")
    assert page.text_content("#shown-count") == "8" and page.evaluate(visible_details) == []
    assert page.is_visible("#no-details-match") and page.is_hidden("#no-org-matches")
    page.fill("#filter", "no such org")
    assert page.text_content("#shown-count") == "0"
    assert page.text_content("#no-org-matches") == "No org matches the filter."
    assert page.is_visible("#no-org-matches") and page.is_visible("#no-details-match")
    page.fill("#filter", "")
    page.select_option("#status-filter", "policy")  # sender list or feature drift
    assert page.evaluate(visible_details) == ["org-cust010.fleet.example", "org-cust012.fleet.example"]
    assert problems == []
    page.close()
