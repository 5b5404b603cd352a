"""The shared kernel: generic pieces every app uses, written once (see docs/architecture.md).

Nothing here imports a Lindung app; apps import from here."""
