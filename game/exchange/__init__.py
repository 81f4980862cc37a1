"""Question banks in and out of the game: GIFT, Moodle XML (issue 32)."""
