# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plan vocabulary every resource's plans and results share.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from typing import Literal

# One vocabulary for plans and results: a plan's action is the result it will have once applied (in check
# mode, the result it would have); kept, failed and unknown (a write whose answer was lost and could not be
# checked) only occur in results.
Action = Literal["created", "updated", "deleted", "unchanged", "kept", "failed", "unknown"]
