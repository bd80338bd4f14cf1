# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/design-decisions.md's architecture table names every file of plugins/, and only those."""

from __future__ import annotations

import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def plugin_files():
    found = set()
    for folder, _dirs, files in os.walk(os.path.join(ROOT, "plugins")):
        found.update(
            os.path.relpath(os.path.join(folder, name), ROOT)
            for name in files
            if name.endswith(".py") and name != "__init__.py"
        )
    return found


def tabled_files():
    with open(os.path.join(ROOT, "docs", "design-decisions.md"), encoding="utf-8") as handle:
        text = handle.read()
    table = text.split("## Architecture", 1)[1].split("\n\n", 2)[2].split("\n\n", 1)[0]
    first_cells = [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]
    return {path for cell in first_cells for path in re.findall(r"`(plugins/[^`]+)`", cell)}


def test_every_file_of_plugins_has_a_row_and_every_row_a_file():
    files, tabled = plugin_files(), tabled_files()
    assert files, "no plugin file found: the test looks in the wrong place"
    assert sorted(files - tabled) == [], "files of plugins/ missing from the architecture table"
    assert sorted(tabled - files) == [], "rows of the architecture table naming files that are gone"
