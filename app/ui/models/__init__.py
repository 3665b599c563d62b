"""Qt item models for the window."""
