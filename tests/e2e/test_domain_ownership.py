# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A domain verified and signed end to end: the guide's playbook publishes its records with
community.general.nsupdate to a real bind9, and the emulator's verify calls look them up there."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time

import pytest
from conftest import ANSIBLE_BIN, PASSWORD, ROOT, SEED, Ansible
from dns_server import ALGORITHM, KEY_NAME, NamedServer
from launcher import Emulator

PLAYBOOK = os.path.join(ROOT, "docs", "examples", "domain-ownership", "verify-and-sign.yml")
DNS_COLLECTIONS = os.path.join(ROOT, ".build", "dns-collections")
VERIFY = "/api/v1/orgs/customer.com/domains/customer.com/verify/TXT"


@pytest.fixture
def world(tmp_path):
    """named serving customer.com, the emulator looking TXT records up in it, and ansible-playbook with
    community.general beside the collection."""
    with NamedServer("customer.com", tmp_path / "named") as named:
        with Emulator(SEED, extra_args=["--dns-server", named.address]) as emulator:
            ansible = Ansible(emulator, tmp_path)
            paths = [os.environ.get("ANSIBLE_COLLECTIONS_PATH", ""), DNS_COLLECTIONS]
            ansible.env["ANSIBLE_COLLECTIONS_PATH"] = os.pathsep.join(path for path in paths if path)
            yield named, emulator, ansible


def dns_vars(named, **more):
    return dict(
        org="customer.com",
        domain="customer.com",
        dns_server="127.0.0.1",
        dns_port=named.port,
        tsig_key_name=KEY_NAME,
        tsig_algorithm=ALGORITHM,
        tsig_secret=named.secret,
        wait_interval=1,
        wait_timeout=60,
        **more,
    )


def test_the_guides_playbook_verifies_and_signs_a_domain_and_a_rerun_changes_nothing(world):
    named, emulator, ansible = world
    run = ansible.run(PLAYBOOK, extra_vars=dns_vars(named), args=["-vvvv"])
    assert run.rc == 0, run.output[-4000:]
    state = emulator.state()["customer.com"]
    assert state["verified_domains"] == ["customer.com"]
    [key] = state["dkim"]["customer.com"]
    assert key["selector"] == "pp1" and key["is_valid"] is True
    published = named.txt("pp1._domainkey.customer.com")
    assert published == ["v=DKIM1; k=rsa; p=" + key["public_key"]]  # one record, of several strings
    assert len(key["public_key"]) > 255 and named.txt("customer.com")[0].startswith("proofpoint-verification=")
    # The key the module made went into one POST; it shows nowhere at -vvvv, nor in the log.
    logged = (ansible.run_dir / "ansible.log").read_text()
    assert "PRIVATE KEY" not in run.output + logged and PASSWORD not in run.output + logged

    again = ansible.run(PLAYBOOK, extra_vars=dns_vars(named))
    assert again.rc == 0 and "changed=0" in again.stdout, again.output[-3000:]
    assert [r["method"] for r in emulator.writes()].count("POST") == 1


def test_verification_succeeds_once_the_record_appears_while_it_waits(world):
    named, emulator, ansible = world
    code = emulator_code(ansible)
    published = {}

    def publish_after_a_refusal():
        deadline = time.monotonic() + 60
        while not any(r["path"] == VERIFY and r["status"] == 409 for r in emulator.requests()):
            if time.monotonic() > deadline:
                return
            time.sleep(0.05)
        published["at"] = time.time()
        named.publish_txt("customer.com", code)

    other = threading.Thread(target=publish_after_a_refusal)
    other.start()
    outcome = ansible.outcome(verification_task(wait_interval=1, wait_timeout=120))
    other.join()
    assert outcome["verified"] is True and outcome["changed"] is True and outcome["asks"] >= 2, outcome
    asks = [r for r in emulator.requests() if r["path"] == VERIFY]
    before = [r["status"] for r in asks if r["time"] < published["at"]]
    after = [r["status"] for r in asks if r["time"] >= published["at"]]
    # Every ask before the record was there was refused; the first one after it succeeded, and was the last.
    assert set(before) == {409} and after == [204], asks


def test_a_record_that_never_appears_fails_at_the_timeout_naming_it(world):
    _named, emulator, ansible = world
    outcome = ansible.outcome(verification_task(wait_interval=1, wait_timeout=2))
    assert outcome["failed"] is True and outcome["changed"] is False
    record = outcome["error"]["record"]
    assert "not verified after waiting 2 s" in outcome["msg"] or "not verified after waiting 1 s" in outcome["msg"]
    assert "publish the TXT record customer.com with the value %s" % record["value"] in outcome["msg"]
    assert {r["status"] for r in emulator.requests() if r["path"] == VERIFY} == {409}


def test_a_given_private_key_shows_in_no_artifact_of_an_ansible_runner_job(world, tmp_path):
    _named, _emulator, ansible = world
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    pem = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode()
    )
    body = pem.splitlines()[5]  # a line of the key itself, not its header
    private = tmp_path / "job"
    (private / "project").mkdir(parents=True)
    (private / "env").mkdir()
    (private / "project" / "dkim.yml").write_text(
        "- hosts: localhost\n  connection: local\n  gather_facts: false\n  tasks:\n"
        "    - proofpoint.essentials.proofpoint_dkim: {org: customer.com, name: customer.com, selector: given,"
        " private_key: '{{ dkim_key }}', verify: false}\n      register: made\n"
        "    - ansible.builtin.debug: {var: made}\n"
    )
    envvars = {key: ansible.env[key] for key in ansible.env if key.startswith(("PROOFPOINT_", "ANSIBLE_COLLECTIONS"))}
    (private / "env" / "envvars").write_text(json.dumps(dict(envvars, NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")))
    (private / "env" / "extravars").write_text(
        json.dumps({"dkim_key": pem, "ansible_python_interpreter": os.path.join(ANSIBLE_BIN, "python")})
    )
    runner = subprocess.run(
        [
            os.path.join(ANSIBLE_BIN, "ansible-runner"),
            "run",
            str(private),
            "-p",
            "dkim.yml",
            "-vvvv",
            "--ident",
            "dkim",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=dict(os.environ, PATH=ANSIBLE_BIN + os.pathsep + os.environ["PATH"]),
    )
    assert runner.returncode == 0, runner.stdout[-3000:]
    assert '"changed": true' in runner.stdout
    artifacts = private / "artifacts" / "dkim"
    for path in [p for p in artifacts.rglob("*") if p.is_file()]:
        assert body not in path.read_text(errors="replace"), path
    assert body not in runner.stdout + runner.stderr


def emulator_code(ansible):
    outcome = ansible.outcome(verification_task(verify=False))
    return outcome["verification_record"]["value"]


def verification_task(**args):
    return "proofpoint.essentials.proofpoint_domain_verification:\n" + "\n".join(
        "  %s: %s" % (key, json.dumps(value))
        for key, value in dict(org="customer.com", name="customer.com", **args).items()
    )


def test_onboarding_verifies_and_signs_every_domain_through_the_users_publishing_tasks(tmp_path):
    with NamedServer("delta.example", tmp_path / "named") as named:
        with Emulator(SEED, extra_args=["--dns-server", named.address]) as emulator:
            ansible = Ansible(emulator, tmp_path)
            ansible.env.update(
                ANSIBLE_COLLECTIONS_PATH=os.pathsep.join([os.environ["ANSIBLE_COLLECTIONS_PATH"], DNS_COLLECTIONS]),
                PROOFPOINT_ESSENTIALS_USER="msp@partner.net",
            )
            hook = dict(
                verify_domains=True,
                onboard_file="docs/examples/onboarding/delta.example.yml",
                publish_tasks="docs/examples/domain-ownership/publish-nsupdate.yml",
                dns_server="127.0.0.1",
                dns_port=named.port,
                tsig_key_name=KEY_NAME,
                tsig_secret=named.secret,
                verify_wait_interval=1,
            )
            run = ansible.run(os.path.join(ROOT, "playbooks", "onboard.yml"), extra_vars=hook)
            assert run.rc == 0, run.output[-4000:]
            state = emulator.state()["delta.example"]
            assert state["verified_domains"] == ["delta.example", "mail.delta.example"]
            assert sorted(state["dkim"]) == ["delta.example", "mail.delta.example"]
            assert all(key["is_valid"] for keys in state["dkim"].values() for key in keys)
            assert named.txt("pp1._domainkey.mail.delta.example")[0].startswith("v=DKIM1; k=rsa; p=")
