"""Quiz: grading each question type and scheduling reviews."""
