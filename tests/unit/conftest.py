# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Hypothesis settings that do not depend on the machine's speed.

"ci" (the default, and the only one under ansible-test, which passes no environment through):
derandomized, so every run tries the same examples; no deadline and no too_slow health check, so a
busy machine cannot fail a test. "wide" (HYPOTHESIS_PROFILE=wide, `make unit-wide`): ten times the
examples, randomized, for a hunt on demand.
"""

from __future__ import annotations

import os
import tempfile

from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

# Hypothesis keeps its files (examples, and the constants it collects from every loaded module, which
# hold any text) outside the collection's tree: ansible-test sanity checks every file in the tree.
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "proofpoint-essentials-hypothesis"))

_SPEED_INDEPENDENT = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

settings.register_profile("ci", derandomize=True, print_blob=True, **_SPEED_INDEPENDENT)
settings.register_profile("wide", max_examples=1000, **_SPEED_INDEPENDENT)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
