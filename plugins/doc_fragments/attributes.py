# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # What the attributes mean; each module states its own support level beside it.
    DOCUMENTATION = r"""
options: {}
attributes:
  check_mode:
    description: Can run in check mode and report what would change without changing anything.
  diff_mode:
    description: Returns what changed, or would change in check mode, when run with C(--diff).
  idempotent:
    description:
      - Run twice in a row with the same arguments (outside check mode), the second run reports no change.
      - This assumes nothing else changed the organization in between.
"""

    ACTION_GROUP = r"""
options: {}
attributes:
  action_group:
    description:
      - Set the connection options once for every module of the collection with
        C(group/proofpoint.essentials.all) in C(module_defaults).
    support: full
    membership:
      - proofpoint.essentials.all
"""

    INFO_MODULE = r"""
options: {}
attributes:
  check_mode:
    support: full
    details:
      - Reads only, so it runs the same in check mode.
  diff_mode:
    support: N/A
    details:
      - Reads only; there is nothing to diff.
  idempotent:
    support: full
    details:
      - Reads only.
"""
