# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Let `ansible-test sanity --requirements` bootstrap its venvs without the internet.

ansible-test downloads a get-pip script into ~/.ansible/test/cache/get_pip_<version>.py unless one
is there. This writes a stand-in that installs pip from the package index instead: ensurepip (in a
subprocess, since it disables pip's configuration in its own process), then the exact pip version.
"""

import os
import sys

# The pip that ansible-core 2.19's ansible-test pins for its sanity venvs.
PIP_VERSION = "24.2"

STAND_IN = """import subprocess
import sys

subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade"])
subprocess.check_call([sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "pip==%s"])
"""


def main():
    path = os.path.expanduser("~/.ansible/test/cache/get_pip_%s.py" % PIP_VERSION.replace(".", "_"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(STAND_IN % PIP_VERSION)
    print("wrote %s" % path, file=sys.stderr)


if __name__ == "__main__":
    main()
