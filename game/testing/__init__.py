"""Testing: Hypothesis strategies and property checks that teachers run over their files."""
