# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Throughput at the limit: creates against a rate-limited service, and batch create.

    python bench/throughput.py [--creates 1000] [--rates 20 50 100] [--latency-ms 20] [--output bench/results.md]

Each run creates --creates domains with one proofpoint_domains task and the default options, against
the emulator with a token-bucket rate limit (429 with Retry-After: 1 beyond it), then with
batch_create at the latency alone. The limit's floor is (creates + 1) / rate seconds plus the
playbook floor (a one-task playbook, measured in the same run). The table replaces the throughput
section of --output.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "emulator"))

from figures import machine, record, write_section  # noqa: E402  pylint: disable=wrong-import-position
from launcher import Emulator  # noqa: E402  pylint: disable=wrong-import-position
from run import Runner, desired, write_seed  # noqa: E402  pylint: disable=wrong-import-position

BEGIN, END = "<!-- throughput: bench/throughput.py -->", "<!-- /throughput -->"


def measure(args, workdir):
    seed = os.path.join(workdir, "seed.json")
    write_seed(seed)
    rows = []
    for rate in args.rates:
        limit = ["--rate-limit", "%g" % rate, "--rate-burst", str(max(1, int(rate // 4))), "--rate-retry-after", "1"]
        with Emulator(seed, latency_ms=args.latency_ms, extra_args=limit) as emulator:
            runner = Runner(emulator, workdir)
            floor, _requests = runner.run("floor.yml", desired(args.creates))
            seconds, _requests = runner.run("create.yml", desired(args.creates))
            logged = emulator.requests()
            landed = len(emulator.domains("bench.example")) - 1
            rows.append((rate, "%g req/s" % rate, seconds, floor, (args.creates + 1) / rate + floor, logged, landed))
            print("  rate %g: %.1f s, %d requests" % (rate, seconds, len(logged)), flush=True)
    with Emulator(seed, latency_ms=args.latency_ms) as emulator:
        runner = Runner(emulator, workdir)
        floor, _requests = runner.run("floor.yml", desired(args.creates))
        seconds, _requests = runner.run("create.yml", desired(args.creates), extra={"batch": True})
        rows.append(
            (
                None,
                "batch_create, no limit",
                seconds,
                floor,
                floor + 1,
                emulator.requests(),
                len(emulator.domains("bench.example")) - 1,
            )
        )
        print("  batch: %.1f s" % seconds, flush=True)
    return rows


def section(args, rows):
    lines = [
        BEGIN,
        "## Throughput at the limit",
        "",
        "%d creates with one `proofpoint_domains` task and its default options (concurrency 8), %g ms latency; "
        "the rate limit is a token bucket (burst rate/4) answering 429 with `Retry-After: 1`. Target: within "
        "1.2x of the floor, (creates + 1) / rate + the playbook floor; with batch_create, the playbook floor "
        "+ 1 s. The playbook floor is `bench/floor.yml`: one trivial task, with the same list loaded as vars "
        "as in the measured run. Machine: %s. Command: `%s`."
        % (args.creates, args.latency_ms, machine(), " ".join(["python bench/throughput.py"] + sys.argv[1:])),
        "",
        "| service | wall time (s) | playbook floor (s) | target floor (s) | ratio | requests | 429s | "
        "domains created | failed |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for _rate, service, seconds, floor, target, logged, landed in rows:
        refused = sum(1 for r in logged if r["status"] == 429)
        lines.append(
            "| %s | %.1f | %.2f | %.1f | %.2fx | %d | %d | %d | %d |"
            % (service, seconds, floor, target, seconds / target, len(logged), refused, landed, args.creates - landed)
        )
    return "\n".join(lines + ["", END]) + "\n"


def figures_of(row):
    rate, service, seconds, floor, target, logged, landed = row
    refused = sum(1 for r in logged if r["status"] == 429)
    return {
        "rate": rate,
        "service": service,
        "seconds": seconds,
        "playbook_floor": floor,
        "target_floor": target,
        "requests": len(logged),
        "refused": refused,
        "landed": landed,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--creates", type=int, default=1000)
    parser.add_argument("--rates", type=float, nargs="+", default=[20, 50, 100])
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--output", default=os.path.join(HERE, "results.md"))
    args = parser.parse_args(argv)
    rows = measure(args, tempfile.mkdtemp(prefix="pp-throughput-"))
    text = section(args, rows)
    write_section(args.output, text, BEGIN, END)
    if args.output == os.path.join(HERE, "results.md"):
        record("throughput", {"creates": args.creates, "rows": [figures_of(row) for row in rows]})
    print(text)


if __name__ == "__main__":
    main()
