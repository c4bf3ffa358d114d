"""``python -m sync.sim``: the same as the ``ltsa-sim`` console script."""

import sys

from .cli import main

sys.exit(main())
