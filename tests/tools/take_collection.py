# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Take one collection out of PyPI's ansible wheel into a collections directory.

python tests/tools/take_collection.py ansible-12.3.0-py3-none-any.whl community.general .build/dns-collections
"""

from __future__ import annotations

import os
import sys
import zipfile


def take(wheel: str, collection: str, target: str) -> int:
    prefix = "ansible_collections/%s/" % collection.replace(".", "/")
    taken = 0
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.infolist():
            if member.filename.startswith(prefix) and not member.is_dir():
                destination = os.path.realpath(os.path.join(target, member.filename))
                if not destination.startswith(os.path.realpath(target) + os.sep):
                    raise SystemExit("%s: %s leaves the target" % (wheel, member.filename))
                archive.extract(member, target)
                taken += 1
    if not taken:
        raise SystemExit("%s holds no %s" % (wheel, collection))
    return taken


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    print("%s: %d files" % (sys.argv[2], take(*sys.argv[1:])))
