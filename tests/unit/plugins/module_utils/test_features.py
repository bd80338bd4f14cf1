# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""An org's features, pure: each plausible answer read, the merge keeps what it does not know."""

from __future__ import annotations

import pytest

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import AnswerShapeError
from ansible_collections.proofpoint.essentials.plugins.module_utils._features.model import (
    parse_features,
    plan_features,
    plan_lines,
    turned_on,
)


@pytest.mark.parametrize(
    "answer",
    [
        {"dlp": "true", "url_defense": "False", "instant_replay": "14"},
        {"dlp": 1, "url_defense": 0, "instant_replay": 14},
        {"features": {"dlp": True, "url_defense": False, "instant_replay": 14}},
    ],
)
def test_each_spelling_of_an_answer_is_read_as_json_values(answer):
    assert parse_features(answer)[0] == {"dlp": True, "url_defense": False, "instant_replay": 14}


def test_an_answer_in_no_known_shape_says_what_it_was():
    with pytest.raises(AnswerShapeError, match="features answer's dlp is 'perhaps', not a boolean"):
        parse_features({"dlp": "perhaps"})
    with pytest.raises(AnswerShapeError, match="not an object of features"):
        parse_features(["dlp"])


def test_the_merge_keeps_fields_it_does_not_know_and_names_what_it_turns_on():
    plan = plan_features(
        {"dlp": "false", "instant_replay": "7", "quarantine_digest": "daily"}, {"dlp": True, "instant_replay": 0}
    )
    assert plan["body"] == {"dlp": True, "instant_replay": 0, "quarantine_digest": "daily"}
    assert plan_lines(plan) == ["~ dlp: false -> true", "~ instant_replay: 7 -> 0"]
    assert turned_on(plan) == ["dlp"]


def test_a_declared_feature_the_answer_lacks_is_a_change():
    plan = plan_features({}, {"email_archive": False})
    assert plan["changes"] == ["email_archive"] and plan_lines(plan) == ["~ email_archive: unset -> false"]
