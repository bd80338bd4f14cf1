# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # DOCUMENTATION documents SERVICE_ARGUMENT_SPEC (plugins/module_utils/_arguments.py), the options
    # that reach the service; the modules extend it with MODULES, the inventory plugin with INVENTORY.
    # A unit test keeps the three in step with the spec.
    DOCUMENTATION = r"""
options:
  api_url:
    description:
      - Base URL of the service, as V(scheme://host[:port]); the client adds C(/api/v1/...)
        (a trailing C(/api/v1) is ignored).
      - Use it for a local emulator or a proxy; use O(stack) for the real service.
      - If neither O(api_url) nor O(stack) is set, the environment variable E(PROOFPOINT_ESSENTIALS_API_URL)
        is used, then E(PROOFPOINT_ESSENTIALS_STACK). An option always wins over an environment variable.
      - Mutually exclusive with O(stack). An empty value counts as not set.
    type: str
  stack:
    description:
      - The Proofpoint Essentials stack the organization lives on, such as V(us1) to V(us5) or V(eu1).
      - The base URL becomes C(https://<stack>.proofpointessentials.com).
      - Falls back to the environment variable E(PROOFPOINT_ESSENTIALS_STACK).
      - Mutually exclusive with O(api_url).
    type: str
  user:
    description:
      - E-mail address of the user, sent as the C(X-user) header. The modules need at least an Organization
        Admin of the organization (or a Channel Admin above it); the inventory plugin a Channel Admin of the partner.
      - Falls back to the environment variable E(PROOFPOINT_ESSENTIALS_USER).
    type: str
  password:
    description:
      - Password of O(user), sent as the C(X-password) header. Never logged, returned, cached or set as a variable.
      - Falls back to the environment variable E(PROOFPOINT_ESSENTIALS_PASSWORD).
    type: str
  validate_certs:
    description:
      - Whether to verify the service's TLS certificate. Set to V(false) only for test systems.
    type: bool
    default: true
  ca_path:
    description:
      - PEM file of the certificate authority to trust, for an internal CA or a TLS-inspecting proxy.
      - Proxies come from the standard environment variables E(HTTPS_PROXY), E(HTTP_PROXY) and E(NO_PROXY).
    type: path
  timeout:
    description:
      - Seconds one attempt of a request may take, from connecting to the last byte of the answer; an attempt
        still running then is abandoned as a timeout (and retried, within O(retries) and O(retry_max_time)).
      - Redirects are never followed, so the credentials are sent to the host of the API only.
    type: float
    default: 30
  retries:
    description:
      - How many times a request is retried after HTTP 429, 500, 502, 503, 504, a timeout or a dropped
        connection, with exponential backoff and jitter, honouring C(Retry-After).
      - A create (POST) is never blindly repeated; the domain list is read again first.
    type: int
    default: 3
  retry_max_time:
    description:
      - Upper bound, in seconds, of the time one request may take with its retries, attempts and waits together.
        A retry whose wait would end past it is not started, and the last error is reported.
    type: float
    default: 120
requirements:
  - requests
"""

    # Every module: the credentials are required (from the options or the environment).
    CREDENTIALS = r"""
options:
  user:
    required: true
  password:
    required: true
notes:
  - >-
    The modules run on the controller; use C(connection: local) or C(delegate_to: localhost), and set
    C(ansible_python_interpreter) to a Python that has C(requests), for example V({{ ansible_playbook_python }}).
"""

    # The modules that work on one org's domains: the org.
    MODULES = r"""
options:
  org:
    description:
      - The organization, addressed by its primary domain.
      - Falls back to the environment variable E(PROOFPOINT_ESSENTIALS_ORG).
    type: str
    required: true
"""

    # The inventory plugin reads the same environment variables through Ansible's configuration system.
    INVENTORY = r"""
options:
  api_url:
    env:
      - name: PROOFPOINT_ESSENTIALS_API_URL
  stack:
    env:
      - name: PROOFPOINT_ESSENTIALS_STACK
  user:
    env:
      - name: PROOFPOINT_ESSENTIALS_USER
  password:
    env:
      - name: PROOFPOINT_ESSENTIALS_PASSWORD
"""
