# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How values are shown to a person: clipped, counted, their invisible characters made visible.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
Every message, plan line and diff header that repeats a value (the user's or the service's) goes through
these, so that output stays bounded and a name cannot pass for another.
"""

from __future__ import annotations

import unicodedata
from typing import Any

# How much of a value a message repeats: enough to recognise it, never a flood.
ECHO_CHARS = 200


def clipped(text: str) -> str:
    """``text`` for a message, cut to ECHO_CHARS characters with how much was left out."""
    if len(text) <= ECHO_CHARS:
        return text
    return "%s... (%d more characters)" % (text[:ECHO_CHARS], len(text) - ECHO_CHARS)


# Characters that show as nothing or reorder what follows: a name holding one looks like another name.
_HIDDEN_CATEGORIES = frozenset(("Cc", "Cf", "Zl", "Zp", "Co", "Cs"))
# How many names a message lists before it says how many more there are.
LISTED_NAMES = 50


def _is_hidden(char: str) -> bool:
    category = unicodedata.category(char)
    return category in _HIDDEN_CATEGORIES or (category == "Zs" and char != " ")


def hidden_characters(text: str) -> list[str]:
    """The invisible or bidirectional control characters of ``text``, in order."""
    if text.isascii() and text.isprintable():
        return []
    return [char for char in text if _is_hidden(char)]


def escape_hidden(text: str) -> str:
    """``text`` with each invisible or bidirectional control character written as ``\\uXXXX``."""
    if text.isascii() and text.isprintable():
        return text
    return "".join("\\u%04x" % ord(char) if _is_hidden(char) else char for char in text)


def shown_name(name: str) -> str:
    """A name from either side as a message, a plan line or a diff header shows it: visible, clipped."""
    return clipped(escape_hidden(name))


def listed_names(names: list[str]) -> str:
    """Names for a message: each shown, at most LISTED_NAMES of them, with how many more there are."""
    text = ", ".join(shown_name(name) for name in names[:LISTED_NAMES])
    return text + (" and %d more" % (len(names) - LISTED_NAMES) if len(names) > LISTED_NAMES else "")


def clipped_repr(value: Any) -> str:
    """``repr(value)`` for a message, clipped."""
    return clipped(repr(value))
