# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's AnsibleModule: argument errors that name the item and the environment variable, and a
bounded ``invocation``.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
"""

from __future__ import annotations

from typing import Any

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.proofpoint.essentials.plugins.module_utils._arguments import MISSING_PREFIX, with_env_names
from ansible_collections.proofpoint.essentials.plugins.module_utils._domains.items import item_type_problems
from ansible_collections.proofpoint.essentials.plugins.module_utils._errors import (
    ProofpointEssentialsError,
    may_have_written,
)

# Beyond this many domains the result's invocation gives their count, not the list: Ansible would
# otherwise carry the whole list back (and AWX store it in every job event) for nobody to read.
ECHO_LIMIT = 100


def invocation_of(params: dict[str, Any]) -> dict[str, Any]:
    """The result's ``invocation``: the options as given, with a long domains list as its count."""
    domains = params.get("domains")
    if isinstance(domains, list) and len(domains) > ECHO_LIMIT:
        params = dict(params, domains="(%d domains, not echoed)" % len(domains))
    return {"module_args": params}


class ProofpointModule(AnsibleModule):
    """AnsibleModule whose argument errors inside the ``domains`` list name the item.

    ansible-core reports a bad suboption as "argument 'is_active' ... found in 'domains'", without
    saying which of hundreds of items; while AnsibleModule validates, our own message replaces it.
    """

    _validated = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._validated = True

    def fail_json(self, msg: str, **kwargs: Any) -> Any:
        if not self._validated:
            msg = "; ".join(item_type_problems(self.params.get("domains"))) or self._with_env_names(msg)
        kwargs.setdefault("invocation", invocation_of(self.params))
        return super().fail_json(msg, **kwargs)

    def fail_from(self, exc: ProofpointEssentialsError, **result: Any) -> Any:
        """The one way a module fails on the collection's errors: the error's message and ``error``, and
        ``changed`` true whenever a write may have happened (``result``'s own, or a write of unknown
        outcome), so a run never reports "nothing changed" when it cannot know."""
        changed = bool(result.pop("changed", False)) or may_have_written(exc)
        return self.fail_json(msg=str(exc), error=exc.as_dict(), changed=changed, **result)

    def _with_env_names(self, msg: str) -> str:
        # ansible-core names the missing options; a user who relies on the environment needs its names too.
        if not msg.startswith(MISSING_PREFIX):
            return msg
        names = [name.strip() for name in msg.removeprefix(MISSING_PREFIX).split(",")]
        return MISSING_PREFIX + ", ".join(with_env_names(names, self.argument_spec))

    def exit_json(self, **kwargs: Any) -> Any:
        kwargs.setdefault("invocation", invocation_of(self.params))
        return super().exit_json(**kwargs)
