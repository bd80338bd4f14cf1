# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Galaxy build and install, ansible-doc, EXAMPLES, the execution environment, an AWX-style run."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tarfile

import jinja2
import pytest
import yaml
from conftest import ROOT, tool
from launcher import Emulator

MODULES = ["proofpoint_domain", "proofpoint_domain_info", "proofpoint_domains"]
SEED = os.path.join(ROOT, "emulator", "seed.json")


def test_artifact_holds_the_collection_and_nothing_else(artifact):
    with tarfile.open(artifact) as archive:
        names = archive.getnames()
    for wanted in [
        "plugins/modules/proofpoint_domain.py",
        "plugins/module_utils/_http_client.py",
        "plugins/doc_fragments/connection.py",
        "roles/domains/tasks/main.yml",
        "meta/runtime.yml",
        "meta/execution-environment.yml",
        "meta/ee-requirements.txt",
        "docs/awx/credential_type.yml",
        "README.md",
        "MANIFEST.json",
        "FILES.json",
    ]:
        assert wanted in names
    unwanted = re.compile(
        r"^(tests|bench|emulator|requirements|\.venv|\.build|\.git|\.ci)(/|$)|__pycache__|\.pyc$|\.hypothesis|\.ruff_cache|\.mypy_cache"
    )
    assert [name for name in names if unwanted.search(name)] == []


def test_galaxy_metadata_is_complete():
    with open(os.path.join(ROOT, "galaxy.yml"), encoding="utf-8") as handle:
        galaxy = yaml.safe_load(handle)
    for key in (
        "namespace",
        "name",
        "version",
        "readme",
        "authors",
        "description",
        "license",
        "tags",
        "dependencies",
        "repository",
        "documentation",
        "issues",
    ):
        assert key in galaxy, key
    assert (galaxy["namespace"], galaxy["name"], galaxy["license"]) == (
        "proofpoint",
        "essentials",
        ["GPL-3.0-or-later"],
    )


@pytest.mark.parametrize("module", MODULES)
def test_ansible_doc_renders_every_module(installed, module):
    fqcn = "proofpoint.essentials." + module
    docs = json.loads(tool("ansible-doc", "--json", fqcn, env=installed["env"]).stdout)[fqcn]
    options = docs["doc"]["options"]
    for shared in ("api_url", "stack", "user", "password", "validate_certs", "ca_path", "timeout", "retries", "org"):
        assert shared in options, shared
    assert docs["examples"] and docs["return"]
    text = tool("ansible-doc", fqcn, env=installed["env"]).stdout
    assert "PROOFPOINT_ESSENTIALS_PASSWORD" in text


def test_ansible_doc_renders_the_role(installed):
    text = tool("ansible-doc", "-t", "role", "proofpoint.essentials.domains", env=installed["env"]).stdout
    assert "domains_list" in text and "domains_exclusive" in text


def examples_playbook(module_path):
    """The module's EXAMPLES, as written, as the tasks of a play."""
    namespace = {}
    with open(module_path, encoding="utf-8") as handle:
        source = handle.read()
    exec(compile(re.search(r'^EXAMPLES = r""".*?"""', source, re.S | re.M).group(0), module_path, "exec"), namespace)  # pylint: disable=exec-used
    examples = namespace["EXAMPLES"].strip("\n")
    tasks = yaml.safe_load(examples)
    assert isinstance(tasks, list) and all("name" in task for task in tasks)
    return (
        "\n".join(
            [
                "---",
                "- name: EXAMPLES of %s" % os.path.basename(module_path),
                "  hosts: localhost",
                "  gather_facts: false",
                "  vars:",
                "    vault_proofpoint_password: unused",
                "  tasks:",
            ]
            + ["    " + line if line else "" for line in examples.splitlines()]
        )
        + "\n"
    )


def role_examples_playbook():
    """The role's examples (meta/argument_specs.yml), as written: a playbook of its own."""
    with open(os.path.join(ROOT, "roles", "domains", "meta", "argument_specs.yml"), encoding="utf-8") as handle:
        examples = yaml.safe_load(handle)["argument_specs"]["main"]["examples"]
    plays = yaml.safe_load(examples)
    assert isinstance(plays, list) and all("name" in play and "hosts" in play for play in plays)
    return "---\n" + examples


def test_every_examples_block_parses_and_lints(installed, tmp_path):
    playbooks = []
    for module in MODULES:
        path = tmp_path / ("examples_%s.yml" % module)
        path.write_text(examples_playbook(os.path.join(ROOT, "plugins", "modules", module + ".py")))
        playbooks.append(str(path))
    (tmp_path / "examples_domains_role.yml").write_text(role_examples_playbook())
    playbooks.append(str(tmp_path / "examples_domains_role.yml"))
    for path in playbooks:
        tool("ansible-playbook", "--syntax-check", "-i", "localhost,", path, env=installed["env"])
    lint = tool(
        "ansible-lint",
        "--offline",
        "--profile",
        "production",
        "--nocolor",
        *playbooks,
        env=installed["env"],
        cwd=str(tmp_path),
        check=False,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_ansible_builder_creates_the_execution_environment(tmp_path):
    context = tmp_path / "context"
    tool(
        "ansible-builder",
        "create",
        "-f",
        os.path.join(ROOT, "docs", "awx", "execution-environment.yml"),
        "-c",
        str(context),
        "--output-filename",
        "Containerfile",
    )
    containerfile = (context / "Containerfile").read_text()
    assert "ansible-galaxy" in containerfile and "quay.io/ansible/awx-ee" in containerfile
    requirements = (context / "_build" / "requirements.yml").read_text()
    assert "proofpoint.essentials" in requirements


def test_builder_introspection_finds_the_collection_requirements(installed):
    collections_root = os.path.dirname(os.path.dirname(os.path.dirname(installed["path"])))
    found = tool("ansible-builder", "introspect", "--sanitize", collections_root).stdout
    assert re.search(r"requests>=2\.28\.0\s+# from collection proofpoint\.essentials", found), found


def test_awx_credential_type_injects_a_working_environment(installed, tmp_path):
    """Render the credential type's injectors as AWX would and run a playbook with nothing else."""
    with open(os.path.join(ROOT, "docs", "awx", "credential_type.yml"), encoding="utf-8") as handle:
        credential_type = yaml.safe_load(handle)
    assert [f["id"] for f in credential_type["inputs"]["fields"] if f.get("secret")] == ["password"]
    with Emulator(SEED) as emulator:
        inputs = {
            "stack": "",
            "api_url": emulator.url,
            "user": "admin@customer.com",
            "password": "demo-Passw0rd",
            "org": "customer.com",
        }
        injected = {
            name: jinja2.Template(value).render(**inputs) for name, value in credential_type["injectors"]["env"].items()
        }
        env = {key: value for key, value in installed["env"].items() if not key.startswith("PROOFPOINT_ESSENTIALS_")}
        env.update(injected)
        playbook = tmp_path / "awx_job.yml"
        playbook.write_text("""---
- name: An AWX job with only the credential's environment
  hosts: localhost
  connection: local
  gather_facts: false
  vars:
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
  tasks:
    - name: Read the org without any connection option
      proofpoint.essentials.proofpoint_domain_info:
      register: read
    - name: Converge one domain without any connection option
      proofpoint.essentials.proofpoint_domain:
        name: awx.example.org
        destination: 10.0.0.42
    - name: The org was read through the injected credential
      ansible.builtin.assert:
        that: "'customer.com' in read.domains | map(attribute='name')"
""")
        run = tool("ansible-playbook", "-i", "localhost,", str(playbook), env=env)
        assert "failed=0" in run.stdout
        assert emulator.domains("customer.com")["awx.example.org"]["destination"] == "10.0.0.42"


def test_galaxy_importer_accepts_the_artifact_without_a_warning(artifact, tmp_path):
    # What Galaxy and Automation Hub run on an upload, flake8 included (Automation Hub's certification turns it on).
    importer = os.environ["PP_IMPORTER_BIN"]  # make galaxy builds its venv
    env = dict(
        os.environ,
        PATH=importer + os.pathsep + os.environ["PATH"],
        GALAXY_IMPORTER_RUN_FLAKE8="true",
        HOME=str(tmp_path),
    )
    env.pop("ANSIBLE_COLLECTIONS_PATH", None)
    completed = subprocess.run(
        [os.path.join(importer, "python"), "-m", "galaxy_importer.main", artifact],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert "Importer processing completed successfully" in output and "Linting collection via ansible-lint" in output
    assert "via flake8" in output, output
    assert [line for line in output.splitlines() if "WARNING" in line or "ERROR" in line] == []
