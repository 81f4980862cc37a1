"""`python -m game` is the same as the `treaty` command."""

from game.cli import main

raise SystemExit(main())
