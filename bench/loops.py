# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The per-domain loops measured at a large N, not extrapolated: (a) an ansible.builtin.uri loop and
(b) a loop of proofpoint_domain creating N domains, beside (c) one proofpoint_domains task.

    python bench/loops.py [--size 1000] [--latency-ms 20] [--output bench/results.md]

A run at N=1000 takes about 25 minutes (a loop iteration costs Ansible about half a second), so
`make bench` does not run it; its section of results.md and its figures in results.json stay until
it is run again.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from figures import machine, record, write_section  # noqa: E402  pylint: disable=wrong-import-position
from run import APPROACHES, Emulator, Runner, desired, write_seed  # noqa: E402  pylint: disable=wrong-import-position

BEGIN, END = "<!-- loops: bench/loops.py -->", "<!-- /loops -->"


def measure(size, latency_ms):
    workdir = tempfile.mkdtemp(prefix="pp-loops-")
    seed = os.path.join(workdir, "seed.json")
    write_seed(seed)
    rows = {}
    with Emulator(seed, latency_ms=latency_ms) as emulator:
        runner = Runner(emulator, workdir)
        for approach in "cba":
            emulator.reset()
            rows[approach] = runner.run(APPROACHES[approach][1], desired(size))
            print("  %s N=%d initial create: %.1f s, %d requests" % (approach, size, *rows[approach]), flush=True)
    return rows


def section(args, rows):
    lines = [
        BEGIN,
        "## The loops at N=%d, measured" % args.size,
        "",
        "Creating %d domains in an org holding only its primary domain, each approach measured (not "
        "extrapolated), %g ms latency. Machine: %s. Command: `python bench/loops.py --size %d`."
        % (args.size, args.latency_ms, machine(), args.size),
        "",
        "| approach | wall time (s) | HTTP requests | ms per domain | vs (c) |",
        "|---|---|---|---|---|",
    ]
    for approach in "abc":
        seconds, requests = rows[approach]
        lines.append(
            "| (%s) %s | %.1f | %d | %.1f | %.1fx |"
            % (approach, APPROACHES[approach][0], seconds, requests, 1000 * seconds / args.size, seconds / rows["c"][0])
        )
    return "\n".join(lines + ["", END]) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--output", default=os.path.join(HERE, "results.md"))
    args = parser.parse_args(argv)
    rows = measure(args.size, args.latency_ms)
    write_section(args.output, section(args, rows), BEGIN, END)
    if args.output == os.path.join(HERE, "results.md"):
        record("loops", {"size": args.size, "seconds": {approach: rows[approach][0] for approach in rows}})
    print(section(args, rows))


if __name__ == "__main__":
    main()
