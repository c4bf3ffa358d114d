"""`python -m ltsa_desk` is the `ltsa-desk` command."""

import sys

from ltsa_desk.cli import main

sys.exit(main())
