# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where the time goes at 10,000 domains, against what ansible-core itself costs, in one run.

    python bench/scale.py [--size 10000] [--latency-ms 20] [--repeat 3] [--output bench/results.md]

Each playbook runs --repeat times (the median counts) against an org already holding the N domains:
the playbook floor with and without the list loaded, the platform baseline (the list handed to
ansible.builtin.ping as one JSON string), the same with the list itself, then proofpoint_domains
with default options, the list inline (c) or in a file (d), as a no-op and with 10% changed. The
module's own phases are timed in-process; its peak RSS comes from one more run of each.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import math
import os
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from figures import machine, record, write_section  # noqa: E402  pylint: disable=wrong-import-position
from run import ORG, PASSWORD, USER, Emulator, Runner, desired, write_seed  # noqa: E402  pylint: disable=wrong-import-position

BEGIN, END = "<!-- scale: bench/scale.py -->", "<!-- /scale -->"
CONCURRENCY = 8  # the module's default
PLATFORM = [
    ("floor", "playbook floor, nothing loaded", "floor.yml", False),
    ("floor_vars", "playbook floor, the list loaded as vars", "floor.yml", True),
    ("baseline", "platform baseline: ping, the list as one JSON string", "baseline.yml", True),
    ("structured", "ping, the list itself", "baseline_structured.yml", True),
]
# Each phase by the name its caller looks up: the module's ProofpointModule, bulk.converge_domains's steps,
# AnsibleModule.exit_json.
PHASES = [
    ("ProofpointModule", "AnsibleModule: read and validate the arguments"),
    ("check_requests", "check every item (names, IDNA, addresses)"),
    ("read_domains", "read the org (GET, parse, index)"),
    ("plan_domains", "plan"),
    ("execute", "write (the changed domains)"),
    ("exit_json", "encode the result"),
]


class Scale:
    def __init__(self, emulator, workdir, size, repeat):
        self.runner, self.workdir, self.size, self.repeat = Runner(emulator, workdir), workdir, size, repeat
        self.emulator = emulator
        self.domains_path = os.path.join(workdir, "domains.json")

    def timed(self, playbook, changed, inline, **kwargs):
        """Median seconds (and the requests of the last run) from an org as the seed holds it."""
        wanted = desired(self.size, changed=changed)
        with open(self.domains_path, "w", encoding="utf-8") as handle:
            json.dump(wanted, handle)
        runs = []
        for _run in range(self.repeat):
            self.emulator.reset()
            runs.append(
                self.runner.run(playbook, wanted if inline else [], extra={"domains_path": self.domains_path}, **kwargs)
            )
        return statistics.median(seconds for seconds, _requests in runs), runs[-1][1]

    def peak_rss(self, playbook, inline):
        rss_file = os.path.join(self.workdir, "rss-%s" % playbook)
        interpreter = os.path.join(self.workdir, "python-rss")
        with open(interpreter, "w", encoding="utf-8") as handle:
            handle.write('#!/bin/sh\nexec "%s" "%s" "$@"\n' % (sys.executable, os.path.join(HERE, "rss_python.py")))
        os.chmod(interpreter, 0o755)
        self.emulator.reset()
        wanted = desired(self.size, changed=True)
        self.runner.run(
            playbook,
            wanted if inline else [],
            interpreter=interpreter,
            env={"BENCH_RSS_FILE": rss_file},
            extra={"domains_path": self.domains_path},
        )
        with open(rss_file, encoding="utf-8") as handle:
            return int(handle.read()) / 1024.0


def module_phases(emulator, size, changed):
    """proofpoint_domains' main() in this process, each phase timed (the collection from ANSIBLE_COLLECTIONS_PATH)."""
    sys.path.insert(0, os.environ["ANSIBLE_COLLECTIONS_PATH"].split(os.pathsep)[0])
    from ansible.module_utils import basic  # pylint: disable=import-outside-toplevel
    from ansible.module_utils.testing import patch_module_args  # pylint: disable=import-outside-toplevel

    from ansible_collections.proofpoint.essentials.plugins.module_utils._domains import (  # pylint: disable=import-outside-toplevel
        bulk as _bulk,
    )
    from ansible_collections.proofpoint.essentials.plugins.modules import (  # pylint: disable=import-outside-toplevel
        proofpoint_domains as module,
    )

    times = dict.fromkeys([name for name, _label in PHASES], 0.0)
    with contextlib.ExitStack() as stack:
        for name, _label in PHASES:
            owner = {"exit_json": basic.AnsibleModule, "ProofpointModule": module}.get(name, _bulk)
            original = getattr(owner, name)

            @functools.wraps(original)
            def timing(*args, _original=original, _name=name, **kwargs):
                started = time.perf_counter()
                try:
                    return _original(*args, **kwargs)
                finally:
                    times[_name] += time.perf_counter() - started

            setattr(owner, name, timing)
            stack.callback(setattr, owner, name, original)
        emulator.reset()
        arguments = {
            "org": ORG,
            "domains": desired(size, changed=changed),
            "api_url": emulator.url,
            "user": USER,
            "password": PASSWORD,
        }
        output = io.StringIO()
        started = time.perf_counter()
        with patch_module_args(arguments), contextlib.redirect_stdout(output), contextlib.suppress(SystemExit):
            module.main()
        times["total"] = time.perf_counter() - started
    times["output_bytes"] = len(output.getvalue())
    return times


def measure(args):
    workdir = tempfile.mkdtemp(prefix="pp-scale-")
    seed = os.path.join(workdir, "seed.json")
    write_seed(seed, desired(args.size))
    figures = {}
    with Emulator(seed, latency_ms=args.latency_ms) as emulator:
        scale = Scale(emulator, workdir, args.size, args.repeat)
        for key, _label, playbook, loaded in PLATFORM:
            figures[key] = scale.timed(playbook, False, loaded)
            print("  %-12s %.2f s" % (key, figures[key][0]), flush=True)
        for approach, playbook, inline in (("c", "bulk_defaults.yml", True), ("d", "from_file.yml", False)):
            for run, changed in (("noop", False), ("changed", True)):
                figures["%s_%s" % (approach, run)] = scale.timed(playbook, changed, inline)
                print("  %s %-8s %.2f s" % (approach, run, figures["%s_%s" % (approach, run)][0]), flush=True)
            figures["%s_rss" % approach] = scale.peak_rss(playbook, inline)
        figures["phases_noop"] = module_phases(emulator, args.size, changed=False)
        figures["phases_changed"] = module_phases(emulator, args.size, changed=True)
    return figures


def targets(figures, size, latency_ms):
    writes = size // 10
    network = math.ceil(writes / CONCURRENCY) * latency_ms / 1000.0
    baseline = figures["baseline"][0]
    return {"noop": 1.25 * baseline, "changed": 1.25 * (baseline + network), "network": network}


def section(args, figures):
    goal = targets(figures, args.size, args.latency_ms)
    base = figures["baseline"][0]
    lines = [
        BEGIN,
        "## 10,000 domains: where the time goes"
        if args.size == 10000
        else "## %d domains: where the time goes" % args.size,
        "",
        "An org already holding the %d domains, %g ms latency, proofpoint_domains with its default options "
        "(concurrency %d); each playbook run %d times, the median shown. Targets: the no-op within 1.25x of "
        "the platform baseline, the 10%% changed run within 1.25x of (baseline + ceil(writes / concurrency) x "
        "RTT = %.2f s), peak RSS under 150 MB. Machine: %s. Command: `python bench/scale.py`."
        % (args.size, args.latency_ms, CONCURRENCY, args.repeat, goal["network"], machine()),
        "",
        "| playbook | wall time (s) | requests | vs baseline | target (s) | peak RSS (MB) |",
        "|---|---|---|---|---|---|",
    ]
    for key, label, _playbook, _loaded in PLATFORM:
        seconds, requests = figures[key]
        lines.append("| %s | %.2f | %d | %.2fx | | |" % (label, seconds, requests, seconds / base))
    for approach, how in (("c", "(c) `domains` inline"), ("d", "(d) `domains_file`")):
        for run, label in (("noop", "no-op"), ("changed", "10% changed")):
            seconds, requests = figures["%s_%s" % (approach, run)]
            rss = "%.1f" % figures["%s_rss" % approach] if run == "changed" else ""
            lines.append(
                "| %s, %s | %.2f | %d | %.2fx | %.2f %s | %s |"
                % (
                    how,
                    label,
                    seconds,
                    requests,
                    seconds / base,
                    goal[run],
                    "met" if seconds <= goal[run] else "missed",
                    rss,
                )
            )
    lines += [
        "",
        "Inside the module (in-process, the same org and list):",
        "",
        "| phase | no-op (s) | 10% changed (s) |",
        "|---|---|---|",
    ]
    for name, label in PHASES:
        lines.append("| %s | %.2f | %.2f |" % (label, figures["phases_noop"][name], figures["phases_changed"][name]))
    lines.append(
        "| the module in all | %.2f | %.2f |" % (figures["phases_noop"]["total"], figures["phases_changed"]["total"])
    )
    lines.append(
        "| its result (bytes) | %d | %d |"
        % (figures["phases_noop"]["output_bytes"], figures["phases_changed"]["output_bytes"])
    )
    inline, loaded, bare = figures["c_noop"][0], figures["floor_vars"][0], figures["floor"][0]
    module = figures["phases_noop"]["total"]
    lines += [
        "",
        "The inline no-op, split: starting ansible-playbook %.2f s; loading the list as vars %.2f s; templating it "
        "into the task, sending it and reading the result %.2f s (what remains); the module %.2f s. The list "
        "itself handed to ping costs %.2f s more than the baseline's one string: that is ansible-core's cost "
        "per item of a structured argument, which (d) avoids by never loading the list into Ansible."
        % (bare, loaded - bare, inline - loaded - module, module, figures["structured"][0] - base),
    ]
    return "\n".join(lines + ["", END]) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", default=os.path.join(HERE, "results.md"))
    args = parser.parse_args(argv)
    figures = measure(args)
    text = section(args, figures)
    write_section(args.output, text, BEGIN, END)
    if args.output == os.path.join(HERE, "results.md"):
        record(
            "scale",
            {"size": args.size, "figures": figures, "targets": targets(figures, args.size, args.latency_ms)},
        )
    print(text)


if __name__ == "__main__":
    main()
