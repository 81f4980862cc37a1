"""Content: YAML files turned into validated models, with FILE:LINE:COL on every problem."""
