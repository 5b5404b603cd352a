"""Views of the coordination app (thin: a form, a service or selector, a template)."""
