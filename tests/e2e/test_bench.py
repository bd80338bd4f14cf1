# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The benchmark still runs end to end (tiny sizes; `make bench` runs the real ones)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from conftest import ROOT


def run_bench(script, output, *options):
    """One of the bench scripts at tiny sizes and no latency; returns the report it wrote to ``output``."""
    command = [
        sys.executable,
        os.path.join(ROOT, "bench", script),
        "--latency-ms",
        "0",
        *options,
        "--output",
        str(output),
    ]
    completed = subprocess.run(
        command, capture_output=True, text=True, check=False, env=dict(os.environ, NO_PROXY="127.0.0.1")
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return output.read_text()


def test_benchmark_runs_and_reports(tmp_path):
    report = run_bench(
        "run.py", tmp_path / "results.md", "--sizes", "3", "6", "--slow-sizes", "2", "4", "--memory-size", "30"
    )
    assert "No-op requests with (c): 1, 1 for N = 3, 6" in report
    assert re.search(r"\| initial create \| \(c\) one proofpoint_domains task \| 6 \| [\d.]+ \| 7 \|", report)
    assert re.search(r"peak RSS of the module process [\d.]+ MB", report)
    assert "Machine: " in report


def test_fleet_benchmark_runs_and_counts_requests(tmp_path):
    output = tmp_path / "results.md"
    output.write_text("# Benchmark results\n\nkept\n")
    report = run_bench(
        "fleet.py",
        output,
        *("--orgs", "10", "--forks", "5", "--rate-limit", "40", "--rate-limited-orgs", "10", "--partner-orgs", "10"),
        *("--new-customers", "4"),
    )
    assert report.startswith("# Benchmark results\n\nkept\n")
    # cust010 is drifted: 1 inventory read, 10 GETs, 2 writes; then 1 + 10 GETs and nothing changed.
    expected = {
        "one debug per org (floor)": (1, 0),
        "one ping per org (floor)": (1, 0),
        "sequential Python script, drifted": (13, 1),
        "per-host converge, drifted": (13, 1),
        "per-host converge, no-op": (11, 0),
        "one-process converge, drifted": (13, 1),
        "one-process converge, no-op": (11, 0),
        "drift report, each org read": (11, 0),
        "drift report, from the inventory": (1, 0),
        "summary converge, drifted": (13, 1),
        "summary converge, no-op": (11, 0),
        "ansible-inventory --list": (1, 0),
    }
    for label, (requests_sent, changed) in expected.items():
        row = r"\| 10 \| %s \| [\d.]+ \| %d \| %d \|" % (re.escape(label), requests_sent, changed)
        assert re.search(row, report), (label, report)
    assert re.search(r"- 10 orgs: one-process no-op converge = [\d.]+x one debug per org \(floor\)", report), report
    assert re.search(r"summary no-op converge = [\d.]+x drift report, each org read \(target 1.5x\)", report), report
    # Each playbook run's peak memory is measured (the script's, in the bench's own process, is not).
    assert re.search(r"\| 10 \| summary converge, no-op \| [\d.]+ \| 11 \| 0 \| [\d.]+ \| \d+ \|", report), report
    assert re.search(r"limit of 40 requests/s .* 1 orgs changed, and a re-run changed nothing", report), report
    # Two partners of 10 orgs (cust010 and dist010 drifted) beside one of 20 (cust010, cust020): the same work.
    assert re.search(
        r"Two partner accounts of 10 orgs .* took [\d.]+ s \(26 requests, 2 orgs changed\), beside [\d.]+ s "
        r"\(25 requests, 2 changed\) for one partner of 20 orgs: [\d.]+x",
        report,
    ), report
    # 4 new customers: the listing, then for each a read, the create (its domains in it) and the read-back;
    # the re-run reads the listing (which now holds them) and each org's domains.
    assert re.search(
        r"4 new customers .* [\d.]+ s at the fleet's concurrency of 16 \(13 requests, 4 orgs changed\), [\d.]+ s "
        r"one org at a time \(13 requests\): [\d.]+x; a re-run sent 5 requests and changed 0",
        report,
    ), report


def test_throughput_benchmark_runs_and_counts(tmp_path):
    report = run_bench("throughput.py", tmp_path / "results.md", "--creates", "30", "--rates", "40")
    # Against 40 req/s (burst 10) some creates are refused with 429, yet all 30 land; batch create takes 3 requests.
    row = re.search(r"\| 40 req/s \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+x \| (\d+) \| (\d+) \| 30 \| 0 \|", report)
    assert row and int(row.group(2)) > 0 and int(row.group(1)) == 31 + int(row.group(2)), report
    assert re.search(
        r"\| batch_create, no limit \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+x \| 3 \| 0 \| 30 \| 0 \|", report
    )


def test_scale_benchmark_splits_the_time_and_checks_targets(tmp_path):
    report = run_bench("scale.py", tmp_path / "results.md", "--size", "40", "--repeat", "1")
    for row in ("platform baseline: ping, the list as one JSON string", "(c) `domains` inline, no-op"):
        assert re.search(r"\| %s \| [\d.]+ \| \d+ \| [\d.]+x \|" % re.escape(row), report), report
    # The no-op reads the org once; 10% changed writes 4 of the 40 (whichever way the list arrives).
    assert re.search(r"\| \(d\) `domains_file`, no-op \| [\d.]+ \| 1 \| [\d.]+x \| [\d.]+ (met|missed) \|", report)
    assert re.search(r"\| \(d\) `domains_file`, 10% changed \| [\d.]+ \| 5 \| .* \| [\d.]+ \|$", report, re.M)
    assert re.search(r"\| the module in all \| [\d.]+ \| [\d.]+ \|", report)


def test_loops_benchmark_measures_each_approach(tmp_path):
    report = run_bench("loops.py", tmp_path / "results.md", "--size", "3")
    for approach in ("(a) ansible.builtin.uri loop", "(b) loop of proofpoint_domain", "(c) one proofpoint_domains"):
        assert re.search(r"\| %s.* \| [\d.]+ \| [46] \| [\d.]+ \| [\d.]+x \|" % re.escape(approach), report), report


def test_the_picture_is_drawn_from_the_recorded_figures(tmp_path):
    figures = tmp_path / "results.json"
    created = {"a": {"100": {"initial create": [90, 200]}}, "c": {"100": {"initial create": [2, 101]}}}
    loops = {"size": 1000, "seconds": {"a": 900, "b": 450, "c": 6}}
    fleet = {"sizes": {"3000": {"one debug per org (floor)": [127.3, 1, 0, 337]}, "10000": {}}}
    figures.write_text(json.dumps({"run": {"results": created}, "loops": loops, "fleet": fleet}))
    picture = tmp_path / "results.svg"
    completed = subprocess.run(
        [sys.executable, os.path.join(ROOT, "bench", "plot.py"), "--figures", str(figures), "--output", str(picture)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    svg = picture.read_text()
    assert svg.startswith("<?xml") and "Creating N domains" in svg and "The fleet, 20 ms latency" in svg
    # The panels without figures say which script gives them, instead of an empty chart.
    assert "run bench/throughput.py" in svg and "run bench/scale.py" in svg
