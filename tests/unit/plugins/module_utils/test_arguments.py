# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading domains_file and echoing the options back."""

from __future__ import annotations

import json

import pytest

from ansible_collections.proofpoint.essentials.plugins.module_utils import _data_files
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.files import read_domains_file
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._module import ECHO_LIMIT, invocation_of


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_json_list_is_completed_as_inline_items_are(tmp_path):
    path = write(tmp_path, "d.json", json.dumps([{"name": "a.example", "destination": "10.0.0.1", "is_active": "yes"}]))
    assert read_domains_file(path) == [
        {
            "name": "a.example",
            "destination": "10.0.0.1",
            "is_active": True,
            "state": "present",
            "failovers": None,
            "is_relay": None,
        }
    ]


def test_a_yaml_vars_file_with_a_domains_key(tmp_path):
    path = write(tmp_path, "vars.yml", "domains:\n  - name: a.example\n    state: absent\n  - name: b.example\n")
    assert [(item["name"], item["state"]) for item in read_domains_file(path)] == [
        ("a.example", "absent"),
        ("b.example", "present"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("name: a.example\n", "a mapping with that list under 'domains'; it holds a dict"),
        ("- name: a.example\n  is_active: maybe\n", "domains[0] (a.example).is_active: 'maybe' is not a boolean"),
        ("- name: a.example\n  colour: red\n", "domains[0] (a.example).colour: not an option of a domain (known: "),
        ("- destination: 10.0.0.1\n", "name"),
        ("- name: a.example\n  state: gone\n", "gone"),
        ("- [unclosed\n", "is neither JSON nor YAML"),
    ],
)
def test_bad_files_are_refused_naming_the_option_and_the_file(tmp_path, text, expected):
    with pytest.raises(InputError) as info:
        read_domains_file(write(tmp_path, "bad.yml", text))
    assert str(info.value).startswith("domains_file (bad.yml)") and expected in str(info.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(InputError, match=r"domains_file \(nowhere.yml\) cannot be read"):
        read_domains_file(str(tmp_path / "nowhere.yml"))


def test_a_long_domains_list_is_echoed_as_its_count():
    many = [{"name": "d%d.example" % n} for n in range(ECHO_LIMIT + 1)]
    echoed = invocation_of({"org": "o.example", "domains": many})["module_args"]
    assert echoed == {"org": "o.example", "domains": "(%d domains, not echoed)" % (ECHO_LIMIT + 1)}
    few = many[:ECHO_LIMIT]
    assert invocation_of({"domains": few})["module_args"]["domains"] == few


# 356 bytes that expand to 10**9 items if anything walks them as a tree.
ALIAS_BOMB = "".join(
    ["a0: &a0 [{name: x.example}]\n"]
    + ["a%d: &a%d [%s]\n" % (n, n, ", ".join(["*a%d" % (n - 1)] * 10)) for n in range(1, 9)]
    + ["domains: [%s]\n" % ", ".join(["*a8"] * 10)]
)


def test_yaml_aliases_are_refused_without_expanding_them(tmp_path):
    with pytest.raises(InputError, match=r"domains_file \(bomb.yml\) uses YAML aliases") as info:
        read_domains_file(write(tmp_path, "bomb.yml", ALIAS_BOMB))
    assert len(str(info.value)) < 300


def test_a_file_beyond_the_size_limit_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(_data_files, "MAX_FILE_CHARS", 100)
    with pytest.raises(InputError, match=r"domains_file \(big.json\) is larger than"):
        read_domains_file(write(tmp_path, "big.json", json.dumps([{"name": "a.example"}] * 10)))


def test_messages_about_a_file_are_bounded(tmp_path):
    items = [{"name": "d%d.example" % n, "is_active": "x" * 5000} for n in range(50)]
    with pytest.raises(InputError) as info:
        read_domains_file(write(tmp_path, "long.json", json.dumps(items)))
    message = str(info.value)
    assert "(4802 more characters)" in message and "(and 30 more)" in message
    assert len(message) < 20 * 400
