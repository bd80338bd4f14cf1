# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Let `ansible-test ... --requirements` bootstrap its venvs without the internet.

ansible-test downloads a get-pip script into ~/.ansible/test/cache/get_pip_<version>.py unless one
is there. This writes a stand-in that installs pip from the package index instead: ensurepip (in a
subprocess, since it disables pip's configuration in its own process), then the exact pip version.
Run it with the Python of the venv whose ansible-test will run: the pip version is the one that
ansible-test pins for its venvs.
"""

import os
import re
import sys

import ansible_test

STAND_IN = """import subprocess
import sys

subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade"])
subprocess.check_call([sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "pip==%s"])
"""


def pinned_pip_version():
    """The pip that this ansible-test installs in its venvs (pip='X.Y' in its requirements code)."""
    path = os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py")
    with open(path, encoding="utf-8") as handle:
        found = re.search(r"\bpip='([0-9.]+)'", handle.read())
    if not found:
        sys.exit("offline_get_pip: no pip pin found in %s; this ansible-test is laid out differently" % path)
    return found.group(1)


def main():
    version = pinned_pip_version()
    path = os.path.expanduser("~/.ansible/test/cache/get_pip_%s.py" % version.replace(".", "_"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # Written aside and renamed: `make test` runs two ansible-tests side by side, one may be reading it.
    partial = "%s.%d" % (path, os.getpid())
    with open(partial, "w", encoding="utf-8") as handle:
        handle.write(STAND_IN % version)
    os.replace(partial, path)
    print("wrote %s" % path, file=sys.stderr)


if __name__ == "__main__":
    main()
