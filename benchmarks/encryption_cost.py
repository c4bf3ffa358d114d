"""What SQLCipher costs: the suite's intake, search and drain groups, which also run the same work
on an unencrypted database of the same store (same schema, engine hooks and PRAGMAs; only the key
differs) and report ``encryption_cost_*`` figures: encrypted value, unencrypted baseline, ratio.

    python benchmarks/encryption_cost.py [--quick | --smoke] [--json OUT.json]

is ``python benchmarks/run.py --only intake,search,drain ...``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import main

if __name__ == "__main__":
    sys.exit(main(["--only", "intake,search,drain", *sys.argv[1:]]))
