# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulated sender lists: an org's, a user's or a group's allow and block lists.

GET reads them; POST adds entries, PATCH replaces the lists its body holds, DELETE removes the entries its
body names (the facts do not show that body: the emulator takes the POST's shape). Entries compare without
case and are kept as first written. The org's own lists also show in the org object (the listing, an org's
read), under the current spec's names or the older ones (``World.sender_list_spelling``).
"""

from __future__ import annotations

from emulated.answers import ApiAnswer, is_domain_name
from emulated.world import LISTS

# The org object's names of the org-level lists: the current spec's, and those of older answers.
ORG_OBJECT_NAMES = {
    "current": {"allow_list": "safe_list_senders", "block_list": "block_list_senders"},
    "older": {"allow_list": "white_list_senders", "block_list": "black_list_senders"},
}


def valid_entry(entry):
    """An address (local@domain), a domain, or ``*@domain``."""
    if not isinstance(entry, str) or not entry.strip():
        return False
    local, at, domain = entry.strip().rpartition("@")
    if not at:
        return is_domain_name(entry.strip())
    return bool(local) and " " not in local and is_domain_name(domain)


def lists_of(world, org, owner):
    """The lists of ``owner`` (None: the org's own; "users/<email>" or "groups/<name>"), made when first used."""
    return world.sender_lists.setdefault((org, owner), {name: [] for name in LISTS})


def org_object_fields(world, org):
    """The org's own lists as the org object carries them, under the world's spelling."""
    lists = world.sender_lists.get((org, None), {name: [] for name in LISTS})
    names = ORG_OBJECT_NAMES[world.sender_list_spelling]
    return {names[name]: list(lists[name]) for name in LISTS}


def _body(call):
    body = call.body
    if not isinstance(body, dict) or not any(name in body for name in LISTS):
        raise ApiAnswer(400, "bad request: the body must be an object with allow_list, block_list or both")
    unknown = sorted(set(body) - set(LISTS))
    if unknown:
        raise ApiAnswer(422, "invalid request data: unknown field(s): %s" % ", ".join(unknown))
    for name in LISTS:
        entries = body.get(name, [])
        if not isinstance(entries, list):
            raise ApiAnswer(422, "invalid request data: '%s' must be a list" % name)
        bad = [entry for entry in entries if not valid_entry(entry)]
        if bad:
            raise ApiAnswer(422, "invalid request data: not an address, a domain or *@domain: %s" % bad[0])
    return {name: [entry.strip() for entry in body[name]] for name in LISTS if name in body}


def _owner(call):
    # The org's own lists, or a user's (by address) or a group's (by name).
    kind, owner = call.params.get("kind"), call.params.get("owner")
    if kind is None:
        return None
    if kind == "users" and "@" not in owner:
        raise ApiAnswer(400, "bad request: %s is not a user's address" % owner)
    return "%s/%s" % (kind, owner.lower())


def read(world, call):
    return 200, {name: list(entries) for name, entries in lists_of(world, call.org, _owner(call)).items()}


def add(world, call):
    lists = lists_of(world, call.org, _owner(call))
    for name, entries in _body(call).items():
        held = {entry.lower() for entry in lists[name]}
        for entry in entries:
            if entry.lower() not in held:
                lists[name].append(entry)
                held.add(entry.lower())
    world.persist()
    return read(world, call)


def replace(world, call):
    lists = lists_of(world, call.org, _owner(call))
    for name, entries in _body(call).items():
        unique = {}
        for entry in entries:
            unique.setdefault(entry.lower(), entry)
        lists[name] = list(unique.values())
    world.persist()
    return read(world, call)


def remove(world, call):
    lists = lists_of(world, call.org, _owner(call))
    for name, entries in _body(call).items():
        gone = {entry.lower() for entry in entries}
        lists[name] = [entry for entry in lists[name] if entry.lower() not in gone]
    world.persist()
    return read(world, call)
