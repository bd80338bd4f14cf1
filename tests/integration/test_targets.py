# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each integration target under targets/ (all but the hidden helper), run for real."""

from __future__ import annotations

import os

import pytest
from conftest import HERE


def aliases(target):
    with open(os.path.join(HERE, "targets", target, "aliases"), encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


TARGETS = sorted(name for name in os.listdir(os.path.join(HERE, "targets")) if "hidden" not in aliases(name))


@pytest.mark.parametrize("target", TARGETS)
def test_target(ansible, target):
    run = ansible.target(target)
    assert run.rc == 0, run.output
    assert run.recap()["failed"] == 0
