# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fail when the unit tests cover less than the floor of the lines under plugins/.

Reads the text report of `ansible-test coverage report` on stdin, prints it, and checks its TOTAL line.
"""

import re
import sys

FLOOR = 95.0


def main():
    report = sys.stdin.read()
    sys.stdout.write(report)
    totals = re.findall(r"^TOTAL\s.*?(\d+(?:\.\d+)?)%\s*$", report, re.MULTILINE)
    if not totals:
        sys.exit("coverage floor: no TOTAL line in the report; did the unit tests run with --coverage?")
    covered = float(totals[-1])
    if covered < FLOOR:
        sys.exit(
            "coverage floor: %.1f%% of the lines under plugins/ are covered, below the floor of %.0f%%"
            % (covered, FLOOR)
        )
    print("coverage floor: %.1f%% of the lines under plugins/ covered (floor %.0f%%)" % (covered, FLOOR))


if __name__ == "__main__":
    main()
