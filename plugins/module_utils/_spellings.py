# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The service's spellings of a value: its booleans, and the names one field goes by.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from typing import Any

# How the service's clients spell a boolean: JSON booleans (the article), "true"/"false" strings (one
# public client sends them) and the integers 0/1 (another reads `isactive` so).
_SERVICE_BOOLS = {"true": True, "false": False, "1": True, "0": False}


def service_bool(value: Any) -> bool | None:
    """A boolean the service answered in any of its spellings, or None when it is none of them."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        return _SERVICE_BOOLS.get(value.strip().lower())
    return None


def service_field(raw: dict[str, Any], spellings: tuple[str, ...], default: Any = None) -> Any:
    """The value of the first of a field's spellings that the object carries (the current spec's first)."""
    for spelling in spellings:
        if spelling in raw:
            return raw[spelling]
    return default
