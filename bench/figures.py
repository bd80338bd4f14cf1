# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where the bench scripts keep their figures: a marked section of results.md each, and the numbers
behind them in results.json (which bench/plot.py draws)."""

from __future__ import annotations

import json
import os
import platform

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS_JSON = os.path.join(HERE, "results.json")


def write_section(path, text, begin, end):
    """Replace the section between ``begin`` and ``end`` of the results file (or add it); keep the rest."""
    current = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    if begin in current:
        current = current[: current.index(begin)] + current[current.index(end) + len(end) + 1 :]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(current.rstrip("\n") + "\n\n" + text if current else text)


def record_merged(key, by_size, path=RESULTS_JSON, **about):
    """Store one script's figures by size under ``key``, replacing only the sizes measured now."""
    figures = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            figures = json.load(handle)
    kept = figures.get(key, {}).get("sizes", {})
    kept.update(by_size)
    record(key, dict(about, sizes=kept), path)


def record(key, data, path=RESULTS_JSON):
    """Store one script's figures under ``key`` of results.json, keeping the other scripts' figures."""
    figures = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            figures = json.load(handle)
    figures[key] = data
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(figures, handle, indent=1, sort_keys=True)
        handle.write("\n")


def machine():
    cpu = "unknown CPU"
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            names = [line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")]
        cpu = names[0] if names else cpu
    memory = ""
    if os.path.exists("/proc/meminfo"):
        with open("/proc/meminfo", encoding="utf-8") as handle:
            memory = ", %.0f GiB RAM" % (int(handle.readline().split()[1]) / 1024 / 1024)
    import ansible  # pylint: disable=import-outside-toplevel

    return "%d cores (%s)%s, %s, Python %s, ansible-core %s" % (
        os.cpu_count(),
        cpu,
        memory,
        platform.platform(),
        platform.python_version(),
        ansible.__version__,
    )
