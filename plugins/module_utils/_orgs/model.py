# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A customer org: its declared fields checked, its service object read, compared and planned; pure functions.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
What an org declares (``proofpoint_org``'s options, or a fleet host's ``proofpoint_org_spec``) is checked
here before any request; the service's org object is read leniently (the public clients show its fields,
not their types). Writing it is _orgs/converge.py's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal, TypedDict, cast

from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.model import Domain, index_domains
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import AnswerShapeError, InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import (
    clipped,
    clipped_repr,
    hidden_characters,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._names import (
    canonical_name,
    check_domain_name,
    service_name,
)
from ansible_collections.proofpoint.essentials.plugins.module_utils._spellings import service_bool, service_field

# The org's fields the collection declares and compares; each is sent in the create and, when it
# differs, in the one PATCH.
ORG_FIELDS = ("name", "licensing_package", "user_licenses", "is_active")
MAX_TEXT = {"name": 200, "licensing_package": 100, "firstname": 100, "surname": 100}
MAX_LICENSES = 1_000_000
_EMAIL_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$")

OrgAction = Literal["created", "updated", "deleted", "unchanged"]


class AdminUser(TypedDict):
    email: str
    firstname: str | None
    surname: str | None
    send_welcome_email: bool


class OrgRequest(TypedDict):
    """One org as declared: ``fields`` holds only the ORG_FIELDS given, checked."""

    primary_domain: str
    partner: str | None
    state: str
    fields: dict[str, Any]
    admin_user: AdminUser | None


class OrgView(TypedDict):
    """An org as the service holds it, in the form the collection compares and returns."""

    primary_domain: str
    partner: str | None
    eid: Any
    name: str | None
    licensing_package: str | None
    user_licenses: int | None
    is_active: bool | None


class OrgPlan(TypedDict):
    primary_domain: str
    action: OrgAction
    changes: list[str]
    before: OrgView | None
    after: OrgView | None


def _text(value: Any, option: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError("%s must be a non-empty string, got %s" % (option, clipped_repr(value)))
    text = value.strip()
    limit = MAX_TEXT[option.rpartition(".")[2]]
    if len(text) > limit:
        raise InputError("%s is %d characters long, more than %d: %s" % (option, len(text), limit, clipped_repr(text)))
    if hidden_characters(text):
        raise InputError("%s holds an invisible or control character: %s" % (option, clipped_repr(text)))
    return text


def _licenses(value: Any, option: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError("%s must be a whole number, got %s" % (option, clipped_repr(value)))
    if not 0 <= value <= MAX_LICENSES:
        raise InputError("%s must be between 0 and %d, got %d" % (option, MAX_LICENSES, value))
    return value


def check_email(value: Any, option: str) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InputError("%s is missing: the administrator's email address (local@domain)" % option)
    """An address as local@domain, its domain a valid domain name; returned with the domain canonical."""
    if not isinstance(value, str) or value.count("@") != 1:
        raise InputError("%s is not an email address (local@domain): %s" % (option, clipped_repr(value)))
    local, _at, domain = value.strip().partition("@")
    if not _EMAIL_LOCAL.match(local) or local.startswith(".") or local.endswith(".") or ".." in local:
        raise InputError(
            "%s is not an email address: its part before @ is not valid: %s" % (option, clipped_repr(value))
        )
    return "%s@%s" % (local, check_domain_name(domain, option + " (after @)"))


def check_admin_user(value: Mapping[str, Any] | None, option: str) -> AdminUser | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InputError("%s must be a mapping with email, firstname, surname, got %s" % (option, clipped_repr(value)))
    welcome = value.get("send_welcome_email")
    if welcome is not None and not isinstance(welcome, bool):
        raise InputError("%s.send_welcome_email must be true or false, got %s" % (option, clipped_repr(welcome)))
    return {
        "email": check_email(value.get("email"), option + ".email"),
        "firstname": _text(value["firstname"], option + ".firstname") if value.get("firstname") else None,
        "surname": _text(value["surname"], option + ".surname") if value.get("surname") else None,
        "send_welcome_email": bool(welcome),
    }


def check_org_request(params: Mapping[str, Any], where: str = "") -> OrgRequest:
    """Every declared field checked before any request; ``where`` prefixes option names in messages
    (a fleet host's ``proofpoint_org_spec.``). Raises InputError naming the option."""
    primary = check_domain_name(params.get("primary_domain"), where + "primary_domain")
    partner = params.get("partner")
    fields: dict[str, Any] = {}
    for option in ("name", "licensing_package"):
        if params.get(option) is not None:
            fields[option] = _text(params[option], where + option)
    if params.get("user_licenses") is not None:
        fields["user_licenses"] = _licenses(params["user_licenses"], where + "user_licenses")
    if params.get("is_active") is not None:
        if not isinstance(params["is_active"], bool):
            raise InputError("%sis_active must be true or false, got %s" % (where, clipped_repr(params["is_active"])))
        fields["is_active"] = params["is_active"]
    return {
        "primary_domain": primary,
        "partner": check_domain_name(partner, where + "partner") if partner else None,
        "state": params.get("state") or "present",
        "fields": fields,
        "admin_user": check_admin_user(params.get("admin_user"), where + "admin_user"),
    }


def check_confirmation(request: OrgRequest, confirm: Any) -> None:
    """``state: absent`` removes an org only when ``confirm_delete`` names it: a typo in a host name must
    not delete a customer. Checked before any request."""
    if isinstance(confirm, str) and confirm.strip() and canonical_name(confirm) == request["primary_domain"]:
        return
    org = request["primary_domain"]
    raise InputError(
        "state: absent removes the organization %s with all of its domains, users and settings; nothing was sent. "
        "confirm_delete must be %s to do it (got %s); with it, --check shows what would be removed and removes nothing"
        % (org, org, clipped_repr(confirm))
    )


# Each org field the collection reads, and its spellings: the vendor sample's first, then a public Go
# client's (British "licence", integer booleans). What is sent is always the vendor sample's.
ORG_SPELLINGS = {
    "is_active": ("is_active", "isactive"),
    "user_licenses": ("user_licenses", "user_licences"),
    "licensing_package": ("licensing_package", "licencing_package"),
    "is_on_trial": ("is_on_trial", "on_trial"),
}


def org_field(raw: Mapping[str, Any], field: str) -> Any:
    """An org object's field under whichever spelling the service used."""
    return service_field(dict(raw), ORG_SPELLINGS.get(field, (field,)))


def _service_bool(value: Any) -> bool | None:
    flag = service_bool(value)
    if flag is None and value is not None:
        raise AnswerShapeError("an org's is_active is %s, expected true or false" % clipped_repr(value))
    return flag


def _service_int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        return int(value)
    raise AnswerShapeError("an org's user_licenses is %s, expected a whole number" % clipped_repr(value))


def _parent(raw: Mapping[str, Any], org: str) -> str | None:
    """The org above this one in ``organization_hierarchy``: a list of primary domains (or of org objects),
    the org itself last."""
    hierarchy = raw.get("organization_hierarchy")
    if not isinstance(hierarchy, list):
        return None
    names = [item.get("primary_domain") if isinstance(item, Mapping) else item for item in hierarchy]
    names = [service_name(name) for name in names if isinstance(name, str)]
    above = names[: names.index(org)] if org in names else names
    return above[-1] if above else None


def org_view(raw: Any) -> OrgView:
    """The collection's view of an org object from the service."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("primary_domain"), str):
        raise AnswerShapeError("expected an org object with a primary_domain, got %s" % clipped_repr(raw))
    org = service_name(raw["primary_domain"])
    name, package = raw.get("name"), org_field(raw, "licensing_package")
    return {
        "primary_domain": org,
        "partner": _parent(raw, org),
        "eid": raw.get("eid"),
        "name": name.strip() if isinstance(name, str) else None,
        "licensing_package": package.strip() if isinstance(package, str) else None,
        "user_licenses": _service_int(org_field(raw, "user_licenses")),
        "is_active": _service_bool(org_field(raw, "is_active")),
    }


def org_domains(raw: Mapping[str, Any]) -> dict[str, Domain] | None:
    """The domains an org object carries, indexed; None when it carries no list (then they are read)."""
    domains = raw.get("domains")
    return index_domains(domains) if isinstance(domains, list) else None


def create_failures(answer: Any) -> list[dict[str, Any]]:
    """What a create's answer says failed, as a public Go client reads it:
    ``{"total_created": N, "fail_results": [{"result": {"result_code": C, "message": M}}]}``."""
    results = answer.get("fail_results") if isinstance(answer, Mapping) else None
    failures = []
    for item in results if isinstance(results, list) else []:
        result = item.get("result", item) if isinstance(item, Mapping) else {"message": item}
        result = result if isinstance(result, Mapping) else {"message": result}
        failures.append(
            {"result_code": result.get("result_code"), "message": clipped(str(result.get("message") or ""))}
        )
    return failures


def parse_child_orgs(body: Any) -> list[Any]:
    """The orgs list answer as raw org objects: ``{"orgs": [...]}`` (public clients) or a bare list."""
    if isinstance(body, dict) and isinstance(body.get("orgs"), list):
        return body["orgs"]
    if isinstance(body, list):
        return body
    raise AnswerShapeError('the child organizations answer is neither {"orgs": [...]} nor a list: %.200r' % (body,))


def _differs(field: str, current: Any, wanted: Any) -> bool:
    # A package's case is the service's to choose ("business" and "Business" are one package).
    if field == "licensing_package" and isinstance(current, str):
        return current.lower() != wanted.lower()
    return current != wanted


def plan_org(current: OrgView | None, request: OrgRequest) -> OrgPlan:
    """What to do for one org: create it, update the declared fields that differ, delete it, or nothing."""
    org = request["primary_domain"]
    if request["state"] == "absent":
        action: OrgAction = "deleted" if current else "unchanged"
        return {"primary_domain": org, "action": action, "changes": [], "before": current, "after": None}
    if current is None:
        # What is declared, nothing more: the service's own fields (eid) are not known before the create.
        after = cast(OrgView, {"primary_domain": org, "partner": request["partner"], **request["fields"]})
        return {
            "primary_domain": org,
            "action": "created",
            "changes": sorted(request["fields"]),
            "before": None,
            "after": after,
        }
    changes = [
        field
        for field in ORG_FIELDS
        if field in request["fields"] and _differs(field, current[field], request["fields"][field])  # type: ignore[literal-required]
    ]
    after = OrgView(**dict(current, **{field: request["fields"][field] for field in changes}))  # type: ignore[typeddict-item]
    action = "updated" if changes else "unchanged"
    return {"primary_domain": org, "action": action, "changes": changes, "before": current, "after": after}


def patch_body(plan: OrgPlan) -> dict[str, Any]:
    """The one PATCH of an update: only the fields that differ."""
    after: Mapping[str, Any] = plan["after"] or {}
    return {field: after[field] for field in plan["changes"]}


def create_body(request: OrgRequest, domains: list[dict[str, Any]]) -> dict[str, Any]:
    """The org object of the create call, with its admin user and its domains (as domain objects)."""
    body: dict[str, Any] = {"primary_domain": request["primary_domain"], **request["fields"]}
    admin = request["admin_user"]
    if admin:
        body["admin_user"] = {
            "primary_email": admin["email"],
            "type": "organization_admin",
            "send_welcome_email": admin["send_welcome_email"],
            **{
                key: value for key, value in (("firstname", admin["firstname"]), ("surname", admin["surname"])) if value
            },
        }
        body["send_welcome_email"] = admin["send_welcome_email"]
    if domains:
        body["domains"] = domains
    return body


def missing_for_create(request: OrgRequest) -> list[str]:
    """The declared options a create needs and lacks (an existing org is adopted without them)."""
    missing = [] if request["partner"] else ["partner"]
    missing += [] if "name" in request["fields"] else ["name"]
    return missing + ([] if request["admin_user"] else ["admin_user"])


def org_diff(plan: OrgPlan, admin: AdminUser | None, domains: list[str] | None = None) -> dict[str, Any]:
    """The org's own diff section; on a create the admin user appears as declared (its welcome flag aside);
    on a removal, ``domains`` (the names of the domains that go with the org) are in its before."""
    where = clipped(plan["primary_domain"])
    verb = plan["action"][:-1] if plan["action"] != "unchanged" else "declared"
    after: dict[str, Any] = dict(plan["after"] or {})
    if plan["action"] == "created" and admin:
        after["admin_user"] = {
            key: value
            for key, value in (
                ("email", admin["email"]),
                ("firstname", admin["firstname"]),
                ("surname", admin["surname"]),
            )
            if value is not None
        }
    before: dict[str, Any] = dict(plan["before"] or {})
    if plan["action"] == "deleted" and domains is not None:
        before["domains"] = [clipped(name) for name in domains]
    return {
        "before": before,
        "after": after,
        "before_header": "%s (current)" % where,
        "after_header": "%s (%s)" % (where, verb),
    }


def org_plan_line(plan: OrgPlan) -> str | None:
    """The org's line among the plan's lines: ``+ org new.example``, ``~ org x.example: name``."""
    org = clipped(plan["primary_domain"])
    if plan["action"] == "created":
        return "+ org %s" % org
    if plan["action"] == "deleted":
        return "- org %s" % org
    if plan["action"] == "updated":
        return "~ org %s: %s" % (org, ", ".join(plan["changes"]))
    return None
