"""Views of the Desmigratif pages, one module per area. Thin: a form, a service or a
selector, a template; access is decided by lindung.core.access."""
