"""Forms of the coordination pages."""
