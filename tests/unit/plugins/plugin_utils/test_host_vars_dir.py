# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The declarations of a host_vars directory, read as plain data for the event source."""

from __future__ import annotations

import json
import os

from ansible_collections.proofpoint.essentials.plugins.plugin_utils._drift.host_vars_dir import HostVarsDir

ORGS = ["a.example", "b.example", "c.example", "readme.md"]
VAULTED = """
proofpoint_password: !vault |
  $ANSIBLE_VAULT;1.1;AES256
  6331
domains_list:
  - {name: a.example, destination: mx.a.example}
"""


def reader(tmp_path):
    problems = []
    return HostVarsDir(str(tmp_path / "host_vars"), problems.append), problems


def write(tmp_path, name, text):
    path = tmp_path / "host_vars" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def names(declared):
    return {org: [request["name"] for request in entry["requests"]] for org, entry in declared.items()}


def test_files_and_directories_as_the_fleet_reads_them(tmp_path):
    write(tmp_path, "a.example.yml", VAULTED)  # a vaulted value beside the domains is no obstacle
    write(tmp_path, "b.example/10-domains.yaml", "domains_list: [{name: b.example, is_relay: true}]\n")
    write(tmp_path, "b.example/20-mode.json", json.dumps({"domains_exclusive": "yes"}))
    write(tmp_path, "c.example.yml", "proofpoint_org_spec: {name: C}\n")  # declares no domains: unmanaged
    write(tmp_path, "README.md", "not an org")
    write(tmp_path, "d.example.yml", "domains_list: [{name: d.example}]\n")  # an org the poll did not see
    hosts, problems = reader(tmp_path)
    declared = hosts.declared(ORGS)
    assert names(declared) == {"a.example": ["a.example"], "b.example": ["b.example"]}
    assert declared["b.example"]["exclusive"] is True and declared["a.example"]["exclusive"] is False
    assert problems == []


def test_a_domains_list_file_is_relative_to_the_playbooks_directory(tmp_path):
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "a.json").write_text(json.dumps([{"name": "x.a.example", "destination": "mx.a.example"}]))
    write(tmp_path, "a.example.yml", "domains_list_file: files/a.json\n")
    hosts, _problems = reader(tmp_path)
    assert names(hosts.declared(ORGS)) == {"a.example": ["x.a.example"]}


def test_a_changed_domains_list_file_is_read_again_though_the_host_vars_file_is_not(tmp_path):
    (tmp_path / "files").mkdir()
    listed = tmp_path / "files" / "a.json"
    write(tmp_path, "a.example.yml", "domains_list_file: files/a.json\n")
    hosts, problems = reader(tmp_path)
    assert hosts.declared(ORGS) == {} and "a.json" in problems[0]  # not there yet: told once
    listed.write_text(json.dumps([{"name": "x.a.example", "destination": "mx.a.example"}]))
    assert names(hosts.declared(ORGS)) == {"a.example": ["x.a.example"]}
    listed.write_text(json.dumps([{"name": "y.a.example", "destination": "mx.a.example"}]))
    os.utime(listed, ns=(1, 1))  # a new stamp even within the file system's time resolution
    assert names(hosts.declared(ORGS)) == {"a.example": ["y.a.example"]}
    assert len(problems) == 1


def test_templates_and_bad_declarations_are_reported_once_and_left_out(tmp_path):
    write(tmp_path, "a.example.yml", 'domains_list: [{name: a.example, destination: "{{ mx }}"}]\n')
    write(tmp_path, "b.example.yml", "domains_list: [{name: b.example, is_active: maybe}]\n")
    write(tmp_path, "c.example.yml", "x: &a [1]\ny: *a\ndomains_list: []\n")
    hosts, problems = reader(tmp_path)
    assert hosts.declared(ORGS) == {}
    assert hosts.declared(ORGS) == {}  # unchanged files are not read again: each problem is told once
    assert len(problems) == 3
    assert "a.example" in problems[0] and "template" in problems[0]
    assert "is_active" in problems[1]
    assert "aliases" in problems[2]


def test_a_changed_file_is_read_again_and_a_removed_one_forgotten(tmp_path):
    path = write(tmp_path, "a.example.yml", "domains_list: [{name: a.example}]\n")
    hosts, _problems = reader(tmp_path)
    assert names(hosts.declared(ORGS)) == {"a.example": ["a.example"]}
    path.write_text("domains_list: [{name: a.example}, {name: www.a.example, destination: mx.a.example}]\n")
    os.utime(path, ns=(1, 1))  # a new stamp even within the file system's time resolution
    assert names(hosts.declared(ORGS)) == {"a.example": ["a.example", "www.a.example"]}
    path.unlink()
    assert hosts.declared(ORGS) == {} and hosts._cache == {}


def test_a_vaulted_list_of_domains_is_reported_not_taken_for_no_declaration(tmp_path):
    write(tmp_path, "a.example.yml", "domains_list: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6331\n")
    hosts, problems = reader(tmp_path)
    assert hosts.declared(ORGS) == {}
    assert len(problems) == 1 and "vaulted" in problems[0]


def test_sender_lists_alone_declare_an_org_and_a_bad_one_is_told(tmp_path):
    write(tmp_path, "a.example.yml", "proofpoint_sender_lists: {block: [evil@bad.example]}\n")
    write(tmp_path, "b.example.yml", "proofpoint_sender_lists: {block: [not one]}\ndomains_list: [{name: b.example}]\n")
    hosts, problems = reader(tmp_path)
    declared = hosts.declared(ORGS)
    assert names(declared) == {"a.example": []} and declared["a.example"]["exclusive"] is False
    assert declared["a.example"]["sender_lists"]["lists"] == {"block_list": ["evil@bad.example"]}
    assert problems == [
        "host_vars of b.example: proofpoint_sender_lists.block[0]: 'not one' is not an address, a domain or *@domain"
    ]
