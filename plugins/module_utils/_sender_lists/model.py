# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sender lists, pure: entries checked, the service's answer read in each plausible form, the plan.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
Entries compare without case and are kept as the service holds them. A plan never replaces a list unless
``exclusive`` asks: additions are added and removals removed, so an entry another admin adds meanwhile stays.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import AnswerShapeError, InputError
from ansible_collections.proofpoint.essentials.plugins.module_utils._messages import clipped_repr, listed_names
from ansible_collections.proofpoint.essentials.plugins.module_utils._names import check_domain_name

# Each option, and the list of the service it declares.
OPTION_LISTS = {"allow": "allow_list", "block": "block_list"}
LISTS = tuple(OPTION_LISTS.values())
# The names the service's answers give each list: the API's, the org object's current and older ones.
SPELLINGS = {
    "allow_list": ("allow_list", "safe_list_senders", "white_list_senders"),
    "block_list": ("block_list", "block_list_senders", "black_list_senders"),
}
# An entry given as an object: the field that holds it (no client shows one; each plausible name).
ENTRY_FIELDS = ("sender", "email", "address", "value", "entry", "pattern")

Lists = dict[str, list[str]]


class SenderListRequest(TypedDict):
    """What the task declares: the entries of each list it names, and how to hold them."""

    lists: Lists  # only the lists given (allow_list, block_list)
    state: str
    exclusive: bool
    max_removals: int


class SenderListPlan(TypedDict):
    """The entries to add and to remove per list, and the method of the one write each kind needs."""

    add: Lists
    remove: Lists
    replace: Lists  # exclusive: each given list as it must become (one PATCH), when it differs
    before: Lists
    after: Lists


def check_entry(value: Any, option: str) -> str:
    """An address (``local@domain``), a domain, or ``*@domain``; refused naming the option and the value."""
    if not isinstance(value, str) or not value.strip():
        raise InputError("%s: %s is not an address, a domain or *@domain" % (option, clipped_repr(value)))
    entry = value.strip()
    local, at, domain = entry.rpartition("@")
    try:
        check_domain_name(domain if at else entry, option)
    except InputError:
        raise InputError("%s: %s is not an address, a domain or *@domain" % (option, clipped_repr(value))) from None
    if at and (not local or any(char.isspace() or char in '<>(),;:"[]\\' for char in local)):
        raise InputError("%s: %s is not an address, a domain or *@domain" % (option, clipped_repr(value)))
    return entry


def check_recipient(value: str | None) -> str | None:
    """A user's address (O(recipient)), or None for the org's or a group's lists."""
    if value is None:
        return None
    entry = check_entry(value, "recipient")
    if "@" not in entry or entry.startswith("*@"):
        raise InputError("recipient: %s is not a user's address (local@domain)" % clipped_repr(value))
    return entry


def check_group(value: str | None) -> str | None:
    """A group's name (O(group)), or None."""
    if value is None:
        return None
    if not value.strip() or "/" in value:
        raise InputError("group: %s is not a group's name" % clipped_repr(value))
    return value.strip()


def check_request(params: Mapping[str, Any]) -> SenderListRequest:
    """Every entry checked before any request; duplicates (without case) given once."""
    lists: Lists = {}
    for option, name in OPTION_LISTS.items():
        if params.get(option) is None:
            continue
        entries = [check_entry(value, "%s[%d]" % (option, index)) for index, value in enumerate(params[option])]
        lists[name] = list({entry.lower(): entry for entry in reversed(entries)}.values())[::-1]
    if params.get("exclusive") and params.get("state") == "absent":
        raise InputError("exclusive: true makes a list exactly its entries; it goes with state: present only")
    if params.get("max_removals", 0) < 0:
        raise InputError("max_removals must be 0 or more, got %r" % params["max_removals"])
    return {
        "lists": lists,
        "state": params.get("state") or "present",
        "exclusive": bool(params.get("exclusive")),
        "max_removals": params.get("max_removals", 0),
    }


def _entry_text(item: Any) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, Mapping):
        for field in ENTRY_FIELDS:
            if isinstance(item.get(field), str):
                return item[field]
    raise AnswerShapeError("a sender list entry is %s, not an address, a domain or *@domain" % clipped_repr(item))


def parse_lists(body: Any) -> Lists:
    """The lists of an answer: ``{"allow_list": [...], "block_list": [...]}``, the org object's names for
    them, or either wrapped in one key; a list the answer lacks is empty."""
    if isinstance(body, Mapping) and len(body) == 1:
        inner = next(iter(body.values()))
        if isinstance(inner, Mapping) and not any(
            spelling in body for names in SPELLINGS.values() for spelling in names
        ):
            body = inner
    if not isinstance(body, Mapping):
        raise AnswerShapeError(
            "the sender lists answer is %s, not an object with allow_list and block_list" % clipped_repr(body)
        )
    lists: Lists = {}
    for name, spellings in SPELLINGS.items():
        found = next((body[spelling] for spelling in spellings if spelling in body), None) or []
        if not isinstance(found, list):
            raise AnswerShapeError("the sender lists answer's %s is %s, not a list" % (name, clipped_repr(found)))
        lists[name] = [_entry_text(item) for item in found]
    return lists


def entry_count(lists: Lists) -> int:
    """How many entries ``lists`` hold, all lists together."""
    return sum(len(entries) for entries in lists.values())


def _missing(entries: list[str], among: list[str]) -> list[str]:
    """The entries that ``among`` lacks, without case."""
    keys = {entry.lower() for entry in among}
    return [entry for entry in entries if entry.lower() not in keys]


def _present(entries: list[str], among: list[str]) -> list[str]:
    """The entries that ``among`` holds, without case."""
    keys = {entry.lower() for entry in among}
    return [entry for entry in entries if entry.lower() in keys]


def plan_lists(current: Lists, request: SenderListRequest) -> SenderListPlan:
    """What to write; raises InputError when ``exclusive`` would remove more than ``max_removals`` entries.
    Only one kind of write is ever planned: additions (present), removals (absent), or, exclusive, the
    replacement of the lists that change."""
    add: Lists = {}
    remove: Lists = {}
    for name, entries in request["lists"].items():
        held = current.get(name, [])
        added = _missing(entries, among=held) if request["state"] == "present" else []
        if request["state"] == "absent":
            gone = _present(held, among=entries)
        else:
            gone = _missing(held, among=entries) if request["exclusive"] else []
        if added:
            add[name] = added
        if gone:
            remove[name] = gone
    removals = entry_count(remove)
    if request["exclusive"] and removals > request["max_removals"]:
        names = [entry for entries in remove.values() for entry in entries]
        raise InputError(
            "exclusive: true would remove %d entries, more than max_removals (%d): %s. Nothing was written"
            % (removals, request["max_removals"], listed_names(names))
        )
    after = {name: list(entries) for name, entries in current.items()}
    for name in set(add) | set(remove):
        removed = {entry.lower() for entry in remove.get(name, [])}
        after[name] = [entry for entry in after.get(name, []) if entry.lower() not in removed] + add.get(name, [])
    # Exclusive: each list that changes, sent whole as it must become (the entries kept as the service has them).
    replace = {name: after[name] for name in set(add) | set(remove)} if request["exclusive"] else {}
    return {"add": add, "remove": remove, "replace": replace, "before": current, "after": after}


def plan_lines(plan: SenderListPlan) -> list[str]:
    """A line per entry: ``+ block_list evil@bad.example``, ``- allow_list old.example``."""
    lines = ["+ %s %s" % (name, entry) for name, entries in plan["add"].items() for entry in entries]
    return lines + ["- %s %s" % (name, entry) for name, entries in plan["remove"].items() for entry in entries]
