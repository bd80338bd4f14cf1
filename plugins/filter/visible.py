# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The visible filter: a value from the service as a page or a message may show it."""

from __future__ import annotations

from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import escape_hidden

DOCUMENTATION = r"""
name: visible
short_description: Write invisible and bidirectional control characters as \uXXXX
version_added: 1.0.0
description:
  - Returns the text with each invisible character (zero-width spaces and joiners, soft hyphens, byte
    order marks, control characters) and each bidirectional control character (such as U+202E, which
    reverses what follows) written as C(\uXXXX), so that a name holding one cannot pass for another
    name, nor reorder the text around it.
  - Printable text is returned as it is. The drift report shows every value from the service through it.
options:
  _input:
    description: The text to show. Anything else is turned into text first.
    type: raw
    required: true
"""

EXAMPLES = r"""
- name: Show a name from the service as a person should see it
  ansible.builtin.debug:
    msg: "{{ 'sh\u200bop.example' | proofpoint.essentials.visible }}"  # sh\u200bop.example
"""

RETURN = r"""
_value:
  description: The text, its invisible and bidirectional control characters written as C(\uXXXX).
  type: str
  sample: sh\u200bop.example
"""


def _visible(value: object) -> str:
    return escape_hidden(value if isinstance(value, str) else str(value))


class FilterModule:
    def filters(self):
        return {"visible": _visible}
