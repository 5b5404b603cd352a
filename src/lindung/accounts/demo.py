"""The one password of every demo account (`make demo` prints it). Demo data only."""

DEMO_PASSWORD = "lindung-demo-2026"  # noqa: S105 - printed by `make demo`, demo only
