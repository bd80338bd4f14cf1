# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Hostile input stays bounded: a YAML alias bomb as domains_file, a directory, a huge value."""

from __future__ import annotations

import resource

# 356 bytes of YAML that are 10**9 domains once expanded as a tree (the unit test's bomb).
ALIAS_BOMB = "".join(
    ["a0: &a0 [{name: x.example}]\n"]
    + ["a%d: &a%d [%s]\n" % (n, n, ", ".join(["*a%d" % (n - 1)] * 10)) for n in range(1, 9)]
    + ["domains: [%s]\n" % ", ".join(["*a8"] * 10)]
)
MEMORY_LIMIT = 1536 * 2**20  # address space of ansible-playbook and every process it starts


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def test_an_alias_bomb_is_refused_within_a_memory_limit(ansible, emulator, tmp_path):
    bomb = tmp_path / "bomb.yml"
    bomb.write_text(ALIAS_BOMB)
    result = ansible.outcome(
        "proofpoint.essentials.proofpoint_domains:\n  org: customer.com\n  domains_file: %s" % bomb,
        preexec_fn=limit_memory,
    )
    assert result["failed"] and result["msg"].startswith("domains_file (bomb.yml) uses YAML aliases"), result
    assert len(result["msg"]) < 300 and emulator.requests() == []


def test_a_directory_as_domains_file_is_named(ansible, emulator, tmp_path):
    result = ansible.outcome(
        "proofpoint.essentials.proofpoint_domains:\n  org: customer.com\n  domains_file: %s" % tmp_path
    )
    assert (
        result["failed"]
        and result["msg"] == "domains_file: %s is a directory; give the path of a JSON or YAML file" % tmp_path
    )
    assert emulator.requests() == []


def test_a_huge_value_is_echoed_clipped(ansible, emulator):
    result = ansible.outcome(
        "proofpoint.essentials.proofpoint_domain:\n  org: customer.com\n  name: a.example.org\n  destination: '%s'"
        % ("x" * 200000 + " y")
    )
    assert result["failed"] and "more characters)" in result["msg"] and len(result["msg"]) < 400, result["msg"][:500]
