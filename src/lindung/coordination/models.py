"""Models of the coordination app."""
