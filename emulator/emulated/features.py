# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulated features of an org: GET reads the whole object, PUT replaces it.

The facts name the features and say that turning on one the org's package lacks answers 403; which package
holds which feature is the emulator's choice (PACKAGE_FEATURES, docs/emulator.md). Values come back as JSON
(booleans, instant_replay in days) or, with ``World.feature_values == "strings"``, as the strings some
answers show ("true", "false", "30").
"""

from __future__ import annotations

from emulated.answers import ApiAnswer

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
MAX_REPLAY_DAYS = 30
# A new org's features: the three defenses on, the rest off.
DEFAULTS = dict(
    {name: name in ("url_defense", "attachment_defense", "anti_spoofing") for name in SWITCHES}, **{DAYS: 0}
)
_BUSINESS = {
    "url_defense",
    "attachment_defense",
    "anti_spoofing",
    "email_warning_tags",
    "disclaimers",
    "outbound_relaying",
    "smtp_discovery",
}
_ADVANCED = _BUSINESS | {
    "attachment_defense_sandboxing",
    "dlp",
    "email_encryption",
    "social_media_account_protection",
    "one_click_remediation",
    DAYS,
}
# What each package may turn on; an org without a package (or with another) has the Business package's.
PACKAGE_FEATURES = {
    "business": _BUSINESS,
    "advanced": _ADVANCED,
    "professional": _ADVANCED | {"email_archive", "automatic_remediation"},
}


def features_of(world, org):
    """The org's features as JSON values, made from the defaults when first used."""
    return world.features.setdefault(org, dict(DEFAULTS))


def _shown(world, features):
    if world.feature_values != "strings":
        return dict(features)
    return {name: str(value).lower() if isinstance(value, bool) else str(value) for name, value in features.items()}


def read(world, call):
    return 200, _shown(world, features_of(world, call.org))


def _value(name, value):
    # JSON values, and the strings the service itself answers with.
    if name == DAYS:
        days = int(value) if isinstance(value, str) and value.isdigit() else value
        if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_REPLAY_DAYS:
            raise ApiAnswer(422, "invalid request data: '%s' must be 0 to %d days" % (name, MAX_REPLAY_DAYS))
        return days
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise ApiAnswer(422, "invalid request data: '%s' must be true or false" % name)


def replace(world, call):
    body = call.body
    if not isinstance(body, dict):
        raise ApiAnswer(400, "bad request: the body must be the features object")
    unknown = sorted(set(body) - set(DEFAULTS))
    if unknown:
        raise ApiAnswer(422, "invalid request data: unknown feature(s): %s" % ", ".join(unknown))
    missing = sorted(set(DEFAULTS) - set(body))
    if missing:  # PUT takes the whole object
        raise ApiAnswer(422, "invalid request data: missing feature(s): %s" % ", ".join(missing))
    wanted = {name: _value(name, value) for name, value in body.items()}
    package = str(world.orgs[call.org].get("licensing_package") or "Business")
    allowed = PACKAGE_FEATURES.get(package.lower(), _BUSINESS)
    current = features_of(world, call.org)
    refused = sorted(name for name, value in wanted.items() if value and value != current[name] and name not in allowed)
    if refused:
        raise ApiAnswer(403, "forbidden: the %s package does not include %s" % (package, ", ".join(refused)))
    current.update(wanted)
    world.persist()
    return read(world, call)
