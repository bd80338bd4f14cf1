# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""`module_defaults: group/proofpoint.essentials.all` sets the connection options once for every module."""

from __future__ import annotations

from conftest import PASSWORD

# The environment points elsewhere with a wrong login: only the group defaults can make this work.
WRONG_ENV = {
    "PROOFPOINT_ESSENTIALS_API_URL": "http://127.0.0.1:9",
    "PROOFPOINT_ESSENTIALS_USER": "nobody@nowhere.test",
    "PROOFPOINT_ESSENTIALS_PASSWORD": "wrong",
    "PROOFPOINT_ESSENTIALS_ORG": "other.com",
}


def test_group_defaults_reach_every_module(ansible, emulator):
    run = ansible.run(
        """
- name: Connection options set once
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/proofpoint.essentials.all:
      api_url: "{{ emulator_url }}"
      user: admin@customer.com
      password: "{{ pp_password }}"
      org: customer.com
      retries: 0
  tasks:
    - name: Single domain
      proofpoint.essentials.proofpoint_domain:
        name: group.example.org
        destination: 10.0.0.1
    - name: Bulk
      proofpoint.essentials.proofpoint_domains:
        domains: [{name: group2.example.org, destination: 10.0.0.2}]
    - name: Info
      proofpoint.essentials.proofpoint_domain_info:
      register: read
    - name: All three reached the emulator as admin@customer.com
      ansible.builtin.assert:
        that: "['group.example.org', 'group2.example.org'] is subset(read.domains | map(attribute='name'))"
""",
        extra_vars={"pp_password": PASSWORD},
        env=WRONG_ENV,
    )
    assert run.rc == 0, run.output
    assert run.recap()["changed"] == 2


def test_environment_alone_is_enough_and_options_win(ansible, emulator):
    outcome = ansible.outcome("proofpoint.essentials.proofpoint_domain_info: {org: customer.com}")
    assert [d["name"] for d in outcome["domains"]][0] == "customer.com"
    outcome = ansible.outcome("proofpoint.essentials.proofpoint_domain_info: {retries: 0}", env=WRONG_ENV)
    assert outcome["failed"] and "could not be completed: refused error talking to http://127.0.0.1:9" in outcome["msg"]


ROLE_UNDER_GROUP_DEFAULTS = """
- name: The role under the play's group defaults
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/proofpoint.essentials.all:
      api_url: "{{ emulator_url }}"
      user: admin@customer.com
      password: "{{ pp_password }}"
      retries: 0
  tasks:
    - name: Converge through the role
      ansible.builtin.include_role:
        name: proofpoint.essentials.domains
      vars:
        domains_org: customer.com
        domains_list: [{name: role.example.org, destination: 10.0.0.3}]
        domains_timeout: %s
"""


def test_role_honours_group_defaults_and_its_own_variables(ansible, emulator):
    # No connection variable of the role is set: every one comes from the group defaults.
    env = {key: value for key, value in WRONG_ENV.items() if key != "PROOFPOINT_ESSENTIALS_ORG"}
    run = ansible.run(ROLE_UNDER_GROUP_DEFAULTS % "30", extra_vars={"pp_password": PASSWORD}, env=env)
    assert run.rc == 0, run.output
    assert "customer.com: 1 created" in run.stdout
    assert "role.example.org" in emulator.domains("customer.com")
    # A role variable that is set wins over the group defaults (and is checked like a module option).
    run = ansible.run(ROLE_UNDER_GROUP_DEFAULTS % "0", extra_vars={"pp_password": PASSWORD}, env=env)
    assert run.rc != 0 and "timeout must be a positive number of seconds, got 0.0" in run.output


def test_role_reads_a_domains_file_under_group_defaults(ansible, emulator, tmp_path):
    # domains_list_file goes through the action plugin, which must keep the play's group defaults.
    listed = tmp_path / "customer.com.yml"
    listed.write_text("domains:\n  - {name: filed.example.org, destination: 10.0.0.4}\n")
    play = ROLE_UNDER_GROUP_DEFAULTS.replace(
        "domains_list: [{name: role.example.org, destination: 10.0.0.3}]", "domains_list_file: %s" % listed
    )
    env = {key: value for key, value in WRONG_ENV.items() if key != "PROOFPOINT_ESSENTIALS_ORG"}
    run = ansible.run(play % "30", extra_vars={"pp_password": PASSWORD}, env=env)
    assert run.rc == 0, run.output
    assert "customer.com: 1 created" in run.stdout
    assert emulator.domains("customer.com")["filed.example.org"]["destination"] == "10.0.0.4"
