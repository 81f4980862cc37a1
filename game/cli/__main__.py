"""`python -m game.cli` runs the command line (as `cli.py` did before it became a package)."""

import sys

from game.cli import main

sys.exit(main())
