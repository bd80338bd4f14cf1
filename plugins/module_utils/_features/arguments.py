# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""proofpoint_features' own options: the features an org declares.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from typing import Any

FEATURES_ARGUMENT_SPEC: dict[str, dict[str, Any]] = dict(
    features=dict(type="dict", required=True),
)
