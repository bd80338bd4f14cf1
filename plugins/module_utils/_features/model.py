# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""An org's features, pure: the declared ones checked, the service's answer read, the merged object planned.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
The service takes the whole object in one PUT: the answer as read (fields unknown here kept as they are),
the known features as JSON values, the declared ones merged in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import AnswerShapeError, InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import clipped_repr, listed_names
from ansible_collections.proofpoint.essentials.plugins.module_utils._spellings import service_bool

# The features the facts name: each a switch, but instant_replay, a number of days (0: off).
SWITCHES = (
    "url_defense",
    "attachment_defense",
    "attachment_defense_sandboxing",
    "anti_spoofing",
    "dlp",
    "email_encryption",
    "email_warning_tags",
    "email_archive",
    "disclaimers",
    "social_media_account_protection",
    "outbound_relaying",
    "smtp_discovery",
    "one_click_remediation",
    "automatic_remediation",
)
DAYS = "instant_replay"
KNOWN = SWITCHES + (DAYS,)

Features = dict[str, Any]


class FeaturesPlan(TypedDict):
    """The features as read (``before``, known ones), as they must be (``after``), the names that change,
    and the whole object to PUT when one does."""

    before: Features
    after: Features
    changes: list[str]
    body: dict[str, Any]


def _days(value: Any, where: str) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError("%s: %s is not a number of days (0 turns it off)" % (where, clipped_repr(value)))
    return value


def check_features(declared: Any, option: str = "features") -> Features:
    """Each declared feature known and of its kind, before any request; names it otherwise."""
    if not isinstance(declared, Mapping) or not declared:
        raise InputError("%s must be a dict of features, got %s" % (option, clipped_repr(declared)))
    unknown = [str(name) for name in declared if name not in KNOWN]
    if unknown:
        raise InputError(
            "%s: unknown feature(s) %s; the known ones are %s" % (option, listed_names(unknown), ", ".join(KNOWN))
        )
    checked: Features = {}
    for name, value in declared.items():
        where = "%s.%s" % (option, name)
        if name == DAYS:
            checked[name] = _days(value, where)
            continue
        try:
            checked[name] = boolean(value, strict=True)
        except TypeError:
            raise InputError("%s: %s is not a boolean (true or false)" % (where, clipped_repr(value))) from None
    return checked


def parse_features(body: Any) -> tuple[Features, dict[str, Any]]:
    """The known features of an answer as JSON values (a boolean may come as "true"/"false" or 0/1, the days
    as a string), and the object itself (unwrapped from one key such as ``features``) to send back."""
    if isinstance(body, Mapping) and len(body) == 1 and isinstance(next(iter(body.values())), Mapping):
        body = next(iter(body.values()))
    if not isinstance(body, Mapping):
        raise AnswerShapeError("the features answer is %s, not an object of features" % clipped_repr(body))
    features: Features = {}
    for name in SWITCHES:
        if name in body:
            value = service_bool(body[name])
            if value is None:
                raise AnswerShapeError(
                    "the features answer's %s is %s, not a boolean" % (name, clipped_repr(body[name]))
                )
            features[name] = value
    if DAYS in body:
        try:
            features[DAYS] = _days(body[DAYS], "the features answer's " + DAYS)
        except InputError as exc:
            raise AnswerShapeError(str(exc)) from None
    return features, dict(body)


def plan_features(answer: Any, declared: Features) -> FeaturesPlan:
    """The declared features merged into the object as read; ``changes``: the names whose value differs (a
    feature the answer lacks counts as differing)."""
    before, whole = parse_features(answer)
    changes = [name for name, value in declared.items() if before.get(name) != value]
    after = dict(before, **declared)
    return {"before": before, "after": after, "changes": changes, "body": dict(whole, **after)}


def plan_lines(plan: FeaturesPlan) -> list[str]:
    """A line per feature that changes: ``~ dlp: false -> true``."""
    return [
        "~ %s: %s -> %s" % (name, _shown(plan["before"].get(name)), _shown(plan["after"][name]))
        for name in plan["changes"]
    ]


def _shown(value: Any) -> str:
    return "unset" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def turned_on(plan: FeaturesPlan) -> list[str]:
    """The changing features that the change turns on (a package may lack them)."""
    return [name for name in plan["changes"] if plan["after"][name]]
