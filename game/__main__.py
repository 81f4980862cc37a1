"""`python -m game` is the same as the `treaty` command."""

from game.launch import main

raise SystemExit(main())
