# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every emulated resource shares: the API's refusals, and the checks of names and booleans."""

from __future__ import annotations

import ipaddress
import re

LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


class ApiAnswer(Exception):
    """An API outcome other than success: status code and the API's message."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def is_hostname(value):
    name = value.lower().rstrip(".")
    if not name or len(name) > 253:
        return False
    return all(LABEL.match(label) for label in name.split("."))


def is_domain_name(value):
    return is_hostname(value) and "." in value.rstrip(".")


def is_host(value):
    try:
        ipaddress.ip_address(value)
        return True
    except ValueError:
        return is_hostname(value)


def parse_bool(field, value):
    # The article documents JSON booleans; one public client sends "true"/"false" strings.
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise ApiAnswer(422, "invalid request data: '%s' must be true or false" % field)
