# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Draws bench/results.svg from the figures in bench/results.json.

    python bench/plot.py [--figures bench/results.json] [--output bench/results.svg]

Four panels: creating N domains with each approach (log scales; measured points only), 1,000
creates against a rate limit beside the limit's floor, 10,000 domains against the platform, and the fleet's
runs by number of orgs (bench/fleet.py's figures, each size as last measured).
A panel whose figures are missing says so instead of being drawn.
"""

from __future__ import annotations

import argparse
import json
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = {"a": "(a) uri loop", "b": "(b) loop of proofpoint_domain", "c": "(c) one proofpoint_domains task"}


def creation_points(figures):
    """{approach: [(N, seconds)]} of every measured initial create, from run.py and loops.py."""
    points = {approach: {} for approach in LABELS}
    for approach, sizes in figures.get("run", {}).get("results", {}).items():
        for size, scenarios in sizes.items():
            points[approach][int(size)] = scenarios["initial create"][0]
    loops = figures.get("loops")
    if loops:
        for approach, seconds in loops["seconds"].items():
            points[approach][loops["size"]] = seconds
    return {approach: sorted(found.items()) for approach, found in points.items() if found}


def finish(axis, xlabel, title):
    """What the two line charts share: wall time up the side, a grid, a legend."""
    axis.set_xlabel(xlabel)
    axis.set_ylabel("wall time (s)")
    axis.set_title(title)
    axis.grid(True, which="both", alpha=0.3)
    axis.legend(fontsize="small")


def draw_creation(axis, figures):
    points = creation_points(figures)
    for approach, found in points.items():
        axis.plot([n for n, _s in found], [s for _n, s in found], marker="o", label=LABELS[approach])
    axis.set_xscale("log")
    axis.set_yscale("log")
    latency = figures.get("run", {}).get("latency_ms", 20)
    finish(axis, "domains created (N)", "Creating N domains, %g ms latency" % latency)


def draw_rate(axis, figures):
    rows = [row for row in figures.get("throughput", {}).get("rows", []) if row.get("rate")]
    rates = [row["rate"] for row in rows]
    axis.plot(rates, [row["seconds"] for row in rows], marker="o", label="proofpoint_domains, default options")
    axis.plot(
        rates, [row["target_floor"] for row in rows], linestyle="--", label="floor: (creates + 1) / rate + playbook"
    )
    axis.plot(rates, [1.2 * row["target_floor"] for row in rows], linestyle=":", label="target: 1.2 x floor")
    axis.set_xticks(rates)
    axis.set_ylim(bottom=0)
    finish(axis, "service rate limit (requests/s)", "1,000 creates against a rate limit")


def draw_scale(axis, figures):
    scale = figures.get("scale", {}).get("figures", {})
    bars = [
        ("playbook floor", "floor"),
        ("platform baseline", "baseline"),
        ("ping, structured list", "structured"),
        ("(c) inline, no-op", "c_noop"),
        ("(c) inline, 10% changed", "c_changed"),
        ("(d) domains_file, no-op", "d_noop"),
        ("(d) domains_file, 10% changed", "d_changed"),
    ]
    shown = [(label, key, scale[key][0]) for label, key in bars if key in scale]
    axis.barh([label for label, _k, _s in shown], [seconds for _l, _k, seconds in shown], color="#4c72b0")
    targets = figures["scale"].get("targets", {})
    marked = [(label, targets[key.split("_")[1]]) for label, key, _s in shown if key.split("_")[-1] in targets]
    if marked:
        axis.plot(
            [t for _l, t in marked],
            [label for label, _t in marked],
            "|",
            color="#c44e52",
            markersize=22,
            markeredgewidth=2.5,
            label="target (1.25 x baseline, + the writes' round trips)",
        )
        axis.legend(fontsize="small", loc="upper right")
    axis.invert_yaxis()
    axis.set_xlabel("wall time (s)")
    axis.set_title("%s domains" % format(figures.get("scale", {}).get("size", 10000), ","))
    axis.grid(True, axis="x", alpha=0.3)


FLEET_RUNS = [
    ("one debug per org (floor)", "one ansible.builtin.debug per org (floor)"),
    ("sequential Python script, drifted", "sequential script, drifted"),
    ("one-process converge, no-op", "converge.yml, a line per org, no-op"),
    ("summary converge, no-op", "converge.yml, fleet_per_host=false, no-op"),
    ("drift report, each org read", "drift report"),
    ("ansible-inventory --list", "ansible-inventory --list"),
]


def draw_fleet(axis, figures):
    sizes = figures["fleet"]["sizes"]
    for run, label in FLEET_RUNS:
        found = sorted((int(orgs), rows[run][0]) for orgs, rows in sizes.items() if run in rows)
        if found:
            axis.plot([n for n, _s in found], [s for _n, s in found], marker="o", label=label)
    axis.set_xscale("log")
    axis.set_yscale("log")
    latency = figures["fleet"].get("latency_ms", 20)
    finish(axis, "customer orgs (20 domains each)", "The fleet, %g ms latency, forks 10" % latency)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", default=os.path.join(HERE, "results.json"))
    parser.add_argument("--output", default=os.path.join(HERE, "results.svg"))
    args = parser.parse_args(argv)
    with open(args.figures, encoding="utf-8") as handle:
        figures = json.load(handle)
    plt.rcParams["svg.hashsalt"] = "proofpoint.essentials"  # stable ids: a re-run changes only what changed
    figure, axes = plt.subplots(2, 2, figsize=(16, 11), layout="constrained")
    for axis, draw, key in zip(
        axes.flat,
        (draw_creation, draw_rate, draw_scale, draw_fleet),
        ("run", "throughput", "scale", "fleet"),
        strict=True,
    ):
        if key in figures:
            draw(axis, figures)
        else:
            axis.text(0.5, 0.5, "no %s figures yet:\nrun bench/%s.py" % (key, key), ha="center", va="center")
            axis.set_axis_off()
    figure.savefig(args.output, metadata={"Date": None})
    print("wrote %s" % args.output)


if __name__ == "__main__":
    main()
