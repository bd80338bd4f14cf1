# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The benchmark: (a) an ansible.builtin.uri loop, (b) a loop of proofpoint_domain, (c) one
proofpoint_domains task, against the emulator with a fixed per-request latency, measured in one run.

    python bench/run.py [--latency-ms 20] [--sizes 100 1000] [--slow-sizes 100 200] [--memory-size 10000]

(a) and (b) cost one Ansible loop iteration per domain, so they run at --slow-sizes and their
per-domain cost (the slope between the two sizes) is extrapolated to the largest of --sizes.
Writes bench/results.md (or --output) and prints it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "emulator"))

from figures import machine, record  # noqa: E402  pylint: disable=wrong-import-position
from launcher import Emulator  # noqa: E402  pylint: disable=wrong-import-position

ORG = "bench.example"
USER, PASSWORD = "admin@bench.example", "bench-Passw0rd"
APPROACHES = {
    "a": ("ansible.builtin.uri loop", "uri_loop.yml"),
    "b": ("loop of proofpoint_domain", "module_loop.yml"),
    "c": ("one proofpoint_domains task", "bulk.yml"),
}
SCENARIOS = ("initial create", "no-op re-run", "10% changed")


def desired(count, changed=False):
    domains = []
    for index in range(count):
        destination = "10.%d.%d.%d" % (index // 65536 % 256, index // 256 % 256, index % 256)
        if changed and index % 10 == 0:
            destination = "mx-new.bench.example"
        domains.append(
            {
                "name": "d%05d.bench.example" % index,
                "destination": destination,
                "failovers": ["mx2.bench.example"],
                "is_active": True,
                "is_relay": False,
            }
        )
    return domains


def write_seed(path, existing=()):
    primary = {"name": ORG, "is_active": True, "is_relay": False, "destination": "mx.bench.example", "failovers": []}
    seed = {
        "users": [{"email": USER, "password": PASSWORD, "role": "organization_admin", "orgs": [ORG]}],
        "orgs": {ORG: {"domains": [primary] + list(existing)}},
    }
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(seed, handle)


class Runner:
    def __init__(self, emulator, workdir):
        self.emulator = emulator
        self.workdir = workdir
        bin_dir = os.path.dirname(sys.executable)
        self.playbook_cmd = os.path.join(bin_dir, "ansible-playbook")
        self.env = dict(
            os.environ,
            PROOFPOINT_ESSENTIALS_API_URL=emulator.url,
            PROOFPOINT_ESSENTIALS_USER=USER,
            PROOFPOINT_ESSENTIALS_PASSWORD=PASSWORD,
            ANSIBLE_NOCOLOR="1",
        )

    def run(self, playbook, domains, interpreter=None, env=None, extra=None):
        """Run a playbook over ``domains``; return (seconds, API requests)."""
        vars_file = os.path.join(self.workdir, "vars.json")
        with open(vars_file, "w", encoding="utf-8") as handle:
            json.dump(dict({"org": ORG, "domains": domains}, **(extra or {})), handle)
        python = interpreter or sys.executable
        command = [
            self.playbook_cmd,
            "-i",
            "localhost,",
            "-c",
            "local",
            os.path.join(HERE, playbook),
            "-e",
            "@" + vars_file,
            "-e",
            json.dumps({"ansible_python_interpreter": python}),
        ]
        self.emulator.clear_requests()
        started = time.monotonic()
        completed = subprocess.run(
            command, env=dict(self.env, **(env or {})), capture_output=True, text=True, check=False
        )
        seconds = time.monotonic() - started
        if completed.returncode != 0:
            raise SystemExit(
                "benchmark run failed: %s\n%s%s"
                % (" ".join(command), completed.stdout[-3000:], completed.stderr[-3000:])
            )
        return seconds, len(self.emulator.requests())


def measure(runner, approach, size):
    """The three scenarios in order, from an org holding only its primary domain."""
    runner.emulator.reset()
    playbook = APPROACHES[approach][1]
    rows = {}
    for scenario, domains in zip(SCENARIOS, (desired(size), desired(size), desired(size, changed=True)), strict=True):
        rows[scenario] = runner.run(playbook, domains)
        print("  %s N=%d %-15s %7.2f s %6d requests" % (approach, size, scenario, *rows[scenario]), flush=True)
    return rows


def extrapolate(small, large, small_n, large_n, target_n):
    """Linear in N: the slope between two measured sizes carried to target_n."""
    slope = (large - small) / (large_n - small_n)
    return large + slope * (target_n - large_n)


def memory_run(latency_ms, size, workdir):
    seed = os.path.join(workdir, "seed-memory.json")
    write_seed(seed, desired(size))
    rss_file = os.path.join(workdir, "rss")
    with Emulator(seed, latency_ms=latency_ms) as emulator:
        runner = Runner(emulator, workdir)
        # Ansible takes the interpreter as one path: a tiny executable wrapper stands in for "python rss_python.py".
        interpreter = os.path.join(workdir, "python-rss")
        with open(interpreter, "w", encoding="utf-8") as handle:
            handle.write('#!/bin/sh\nexec "%s" "%s" "$@"\n' % (sys.executable, os.path.join(HERE, "rss_python.py")))
        os.chmod(interpreter, 0o755)
        seconds, requests = runner.run(
            "bulk.yml", desired(size, changed=True), interpreter=interpreter, env={"BENCH_RSS_FILE": rss_file}
        )
    with open(rss_file, encoding="utf-8") as handle:
        return seconds, requests, int(handle.read()) / 1024.0


def report(args, results, memory):
    big, (small_slow, large_slow) = max(args.sizes), sorted(args.slow_sizes)
    lines = [
        "# Benchmark results",
        "",
        "Machine: %s." % machine(),
        "Emulator latency: %g ms per API request. Command: `%s`."
        % (args.latency_ms, " ".join(["python bench/run.py"] + sys.argv[1:])),
        "",
        "![Time against N for each approach, against the rate limit, and at 10,000 domains](results.svg)",
        "",
        "| scenario | approach | N | wall time (s) | HTTP requests | ms per domain |",
        "|---|---|---|---|---|---|",
    ]
    for scenario in SCENARIOS:
        for approach in "abc":
            for size in sorted(results[approach]):
                seconds, requests = results[approach][size][scenario]
                lines.append(
                    "| %s | (%s) %s | %d | %.2f | %d | %.1f |"
                    % (scenario, approach, APPROACHES[approach][0], size, seconds, requests, 1000 * seconds / size)
                )
    lines += [
        "",
        "## Ratios at N=%d" % big,
        "",
        "(a) and (b) at N=%d are extrapolated from their measured %d and %d (linear in N); (c) is measured. "
        'The section "The loops at N=1000, measured" below has them measured once.' % (big, small_slow, large_slow),
        "",
        "| scenario | (a) s | (b) s | (c) s | (a)/(c) | (b)/(c) | (c) requests |",
        "|---|---|---|---|---|---|---|",
    ]
    for scenario in SCENARIOS:
        estimate = {}
        for approach in "ab":
            estimate[approach] = extrapolate(
                results[approach][small_slow][scenario][0],
                results[approach][large_slow][scenario][0],
                small_slow,
                large_slow,
                big,
            )
        bulk_seconds, bulk_requests = results["c"][big][scenario]
        lines.append(
            "| %s | %.1f | %.1f | %.2f | %.1fx | %.1fx | %d |"
            % (
                scenario,
                estimate["a"],
                estimate["b"],
                bulk_seconds,
                estimate["a"] / bulk_seconds,
                estimate["b"] / bulk_seconds,
                bulk_requests,
            )
        )
    noop = [results["c"][size]["no-op re-run"][1] for size in sorted(results["c"])]
    lines += [
        "",
        "No-op requests with (c): %s for N = %s (target: exactly 1 whatever N)."
        % (", ".join(map(str, noop)), ", ".join(map(str, sorted(results["c"])))),
    ]
    if memory:
        seconds, requests, peak_mb = memory
        lines += [
            "",
            "## Memory",
            "",
            "proofpoint_domains on a %d-domain org, 10%% changed: peak RSS of the module process %.1f MB "
            "(target: under 150 MB), %.1f s, %d requests." % (args.memory_size, peak_mb, seconds, requests),
        ]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="N for (c)")
    parser.add_argument("--slow-sizes", type=int, nargs=2, default=[100, 200], help="two N for (a) and (b)")
    parser.add_argument("--memory-size", type=int, default=10000, help="org size for the memory run; 0 skips it")
    parser.add_argument("--output", default=os.path.join(HERE, "results.md"))
    args = parser.parse_args(argv)
    if len(set(args.slow_sizes)) != 2:
        parser.error("--slow-sizes needs two different sizes")

    workdir = tempfile.mkdtemp(prefix="pp-bench-")
    seed = os.path.join(workdir, "seed.json")
    write_seed(seed)
    results = {"a": {}, "b": {}, "c": {}}
    with Emulator(seed, latency_ms=args.latency_ms) as emulator:
        runner = Runner(emulator, workdir)
        for size in sorted(args.sizes):
            results["c"][size] = measure(runner, "c", size)
        for approach in "ab":
            for size in sorted(args.slow_sizes):
                results[approach][size] = measure(runner, approach, size)
    memory = memory_run(args.latency_ms, args.memory_size, workdir) if args.memory_size else None
    text = report(args, results, memory)
    if args.output == os.path.join(HERE, "results.md"):
        record("run", {"latency_ms": args.latency_ms, "results": results})
    kept = sections_of(args.output)  # the fleet and throughput sections, written by their own scripts
    with open(args.output, "w", encoding="utf-8") as handle:
        handle.write(text + "".join("\n" + block for block in kept))
    print(text)


def sections_of(path):
    """The marked sections (<!-- name: ... --> to <!-- /name -->) of an existing results file."""
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as handle:
        current = handle.read()
    return [match.group(0) + "\n" for match in re.finditer(r"<!-- (\w+): .*? -->.*?<!-- /\1 -->", current, re.DOTALL)]


if __name__ == "__main__":
    main()
