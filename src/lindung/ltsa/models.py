"""Models of the ltsa app."""
