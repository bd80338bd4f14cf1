# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Service values as inventory variables: template text is never evaluated, other text is plain."""

from __future__ import annotations

import pytest
from ansible.template import Templar

try:
    from ansible.template import trust_as_template
except ImportError:  # before ansible-core 2.19 every template string is trusted

    def trust_as_template(value):
        return value


from ansible_collections.proofpoint.essentials.plugins.plugin_utils._inventory.values import (
    inventory_value,
    is_plain_data,
    looks_like_template,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mail.example", False),
        ("{a}", False),
        ("{{ x }}", True),
        ("a{% if 1 %}b", True),
        ("{# c #}", True),
        ("#jinja2: variable_start_string: '[['\n[[ x ]]", True),
        ("a #jinja2: no", False),
    ],
)
def test_what_could_be_a_template(text, expected):
    assert looks_like_template(text) is expected


def test_template_text_stays_text_and_the_rest_is_unchanged():
    value = {"name": "{{ 6 * 7 }}", "list": ["plain", "{% if true %}x{% endif %}"], "n": 3, "flag": True, "none": None}
    marked = inventory_value(value)
    templated = Templar(loader=None, variables={"v": marked}).template(trust_as_template("{{ v }}"))
    assert templated == value
    assert marked["list"][0] == "plain" and marked["n"] == 3 and marked["none"] is None


@pytest.mark.parametrize(
    "value, plain",
    [
        ([{"name": "a.example", "failovers": ["mx1"], "is_active": True, "port": 25, "weight": 0.5}], True),
        ({"nested": [None, "text"]}, True),
        ([{"name": "{{ lookup('pipe', 'id') }}"}], False),
        ({"comment": "{# hidden #}"}, False),
        ("#jinja2:variable_start_string:'[['\n[[ x ]]", False),
        ({1: "key that is not a string"}, False),
        ([object()], False),
    ],
)
def test_plain_data_is_what_has_nothing_to_template(value, plain):
    assert is_plain_data(value) is plain
