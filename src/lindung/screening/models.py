"""Models of the screening app."""
