# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The password never shows: every path at -vvvv, all output and every file the run wrote.

The seed's password holds a quote, a backslash and URL-special characters, so its plain,
URL-encoded and JSON-escaped forms all differ.
"""

from __future__ import annotations

import json
import os
import socket
from urllib.parse import quote, quote_plus

import pytest
from conftest import PASSWORD, SEED
from launcher import Emulator

FORMS = {
    "plain": PASSWORD,
    "url-encoded": quote(PASSWORD, safe=""),
    "url-encoded (path)": quote(PASSWORD),
    "url-encoded (plus)": quote_plus(PASSWORD),
    "json-escaped": json.dumps(PASSWORD)[1:-1],
}


def play(task, password_in_task=False, extra=""):
    args = dict(task["args"])
    if password_in_task:
        args["password"] = PASSWORD
    return """
- name: Secret suite
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Task under test
      %s: %s
%s""" % (task["module"], json.dumps(args), extra)


def domain(**args):
    return {"module": "proofpoint.essentials.proofpoint_domain", "args": dict(org="customer.com", retries=1, **args)}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


CASES = {
    "success": (domain(name="new.example.org", destination="10.0.0.1"), [], None),
    "diff": (domain(name="keep.customer.com", destination="10.1.0.5"), ["--diff"], None),
    "check mode": (domain(name="keep.customer.com", destination="10.1.0.6"), ["--check", "--diff"], None),
    "bad input": (domain(name="keep.customer.com", destination="not a host"), [], None),
    "401": (
        domain(name="keep.customer.com", destination="10.1.0.6"),
        [],
        {"PROOFPOINT_ESSENTIALS_USER": "nobody@customer.com"},
    ),
    "403": (
        domain(name="keep.customer.com", destination="10.1.0.6"),
        [],
        {"PROOFPOINT_ESSENTIALS_USER": "reader@customer.com"},
    ),
    "422": (domain(name="keep.customer.com", destination="10.1.0.6"), [], "inject-422"),
    "500 after retries": (domain(name="keep.customer.com", destination="10.1.0.6"), [], "inject-500"),
    "connection refused": (domain(name="keep.customer.com", destination="10.1.0.6"), [], "refused"),
    "TLS failure": (
        {"module": "proofpoint.essentials.proofpoint_domain_info", "args": {"org": "customer.com", "retries": 0}},
        [],
        "tls",
    ),
    "bulk with failures": (
        {
            "module": "proofpoint.essentials.proofpoint_domains",
            "args": {
                "org": "customer.com",
                "retries": 1,
                "domains": [
                    {"name": "keep.customer.com", "destination": "10.1.0.6"},
                    {"name": "ok.example.org", "destination": "10.0.0.2"},
                ],
            },
        },
        ["--diff"],
        "inject-500",
    ),
}


def assert_no_password(text, where):
    for form, value in FORMS.items():
        assert value not in text, "the password (%s) appears in %s" % (form, where)


def scan(run, run_dir):
    assert_no_password(run.output, "the output")
    return scan_files(run_dir)


def scan_files(run_dir):
    files = 0
    for folder, _dirs, names in os.walk(run_dir):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                assert_no_password(handle.read().decode("utf-8", "replace"), path)
            files += 1
    return files


@pytest.mark.parametrize("password_in_task", [False, True], ids=["password-from-env", "password-in-task"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_password_never_appears(ansible, emulator, tmp_path, case, password_in_task):
    task, args, setup = CASES[case]
    env = dict(setup) if isinstance(setup, dict) else {}
    if password_in_task:
        env["PROOFPOINT_ESSENTIALS_PASSWORD"] = ""
    if setup == "inject-422":
        emulator.inject(method="PUT", path="keep.customer.com$", status=422, message="invalid request data")
    if setup == "inject-500":
        emulator.inject(method="PUT", path="keep.customer.com$", status=500, count=5)
    if setup == "refused":
        env["PROOFPOINT_ESSENTIALS_API_URL"] = "http://127.0.0.1:%d" % free_port()
    tls = None
    if setup == "tls":
        tls = Emulator(SEED, tls_dir=str(tmp_path / "tls"))
        env["PROOFPOINT_ESSENTIALS_API_URL"] = tls.start()
    try:
        run = ansible.run(play(task, password_in_task), env=env, args=["-vvvv"] + args)
    finally:
        if tls:
            tls.stop()
    expect_failure = case not in ("success", "diff", "check mode")
    assert (run.rc != 0) == expect_failure, run.output
    assert "Task under test" in run.stdout
    assert scan(run, ansible.run_dir) >= 1  # at least the log file was written and read


def test_role_with_password_in_a_variable(ansible, emulator):
    run = ansible.run(
        """
- name: The role, with the password as a role variable
  hosts: localhost
  gather_facts: false
  roles:
    - role: proofpoint.essentials.domains
      vars:
        domains_org: customer.com
        domains_user: admin@customer.com
        domains_password: "{{ secret_from_vault }}"
        domains_list:
          - {name: role.example.org, destination: 10.0.0.9}
          - {name: keep.customer.com, destination: "bad host"}
""",
        extra_vars={"secret_from_vault": PASSWORD},
        env={"PROOFPOINT_ESSENTIALS_PASSWORD": ""},
        args=["-vvvv", "--diff"],
    )
    assert run.rc != 0 and "domains[1] (keep.customer.com).destination" in run.output
    scan(run, ansible.run_dir)


def test_the_scan_catches_a_leak(ansible):
    # A control: a play that does print the password must be caught, in output and in the log file.
    run = ansible.run("""
- name: A leaky play
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Print the password
      ansible.builtin.debug:
        msg: "{{ lookup('ansible.builtin.env', 'PROOFPOINT_ESSENTIALS_PASSWORD') | urlencode }}"
""")
    assert run.rc == 0, run.output
    with pytest.raises(AssertionError, match=r"url-encoded \(path\)"):
        assert_no_password(run.output, "the output")
    with pytest.raises(AssertionError, match="ansible.log"):
        scan_files(ansible.run_dir)
