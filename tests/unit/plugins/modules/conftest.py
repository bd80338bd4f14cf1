# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each module test file gives ``module_main`` and ``service``; ``run`` calls the module as Ansible would."""

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.tests.unit.plugins.fake_service import PASSWORD, run_module

ORG = "customer.com"
CONNECTION = {"api_url": "https://pp.example.test", "user": "admin@customer.com", "password": PASSWORD, "org": ORG}


@pytest.fixture
def run(module_main, service, monkeypatch, capsys):
    def runner(check_mode=False, diff=False, **args):
        return run_module(
            module_main, dict(CONNECTION, **args), service, monkeypatch, capsys, check_mode=check_mode, diff=diff
        )

    return runner
