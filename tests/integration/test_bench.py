# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The benchmark still runs end to end (tiny sizes; `make bench` runs the real ones)."""

from __future__ import annotations

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
    report = run_bench("fleet.py", output, "--orgs", "10", "--forks", "5")
    assert report.startswith("# Benchmark results\n\nkept\n")
    # cust010 is drifted: 1 inventory read, 10 GETs, 2 writes; then 1 + 10 GETs and nothing changed.
    assert re.search(r"\| 10 \| 5 \| 10% drifted \| [\d.]+ \| 13 \| 1 \|", report), report
    assert re.search(r"\| 10 \| 5 \| no-op re-run \| [\d.]+ \| 11 \| 0 \|", report), report


def test_throughput_benchmark_runs_and_counts(tmp_path):
    report = run_bench("throughput.py", tmp_path / "results.md", "--creates", "30", "--rates", "40")
    # Against 40 req/s (burst 10) some creates are refused with 429, yet all 30 land; batch create takes 3 requests.
    row = re.search(r"\| 40 req/s \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+x \| (\d+) \| (\d+) \| 30 \| 0 \|", report)
    assert row and int(row.group(2)) > 0 and int(row.group(1)) == 31 + int(row.group(2)), report
    assert re.search(
        r"\| batch_create, no limit \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+x \| 3 \| 0 \| 30 \| 0 \|", report
    )
