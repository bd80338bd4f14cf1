# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""An ansible_python_interpreter that runs the module in a child Python and records its peak RSS.

Set BENCH_RSS_FILE; the largest peak (in KiB, from getrusage) of the modules run is kept there.
"""

import os
import resource
import subprocess
import sys

status = subprocess.call([sys.executable] + sys.argv[1:])
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
path = os.environ["BENCH_RSS_FILE"]
previous = int(open(path).read()) if os.path.exists(path) else 0
with open(path, "w") as handle:
    handle.write(str(max(previous, peak_kib)))
sys.exit(status)
