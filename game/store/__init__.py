"""Store: progress, saves and quiz history in SQLite."""
