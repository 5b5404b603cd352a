"""Forms of the Desmigratif pages (Bahasa Indonesia labels), one module per area."""
