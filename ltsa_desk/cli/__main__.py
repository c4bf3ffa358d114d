"""`python -m ltsa_desk.cli` is the `ltsa-desk` command, as `python -m ltsa_desk` is."""

import sys

from ltsa_desk.cli import main

sys.exit(main())
