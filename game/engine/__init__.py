"""Engine: the pure rules of play (state, available choices, applying a choice, endings)."""
