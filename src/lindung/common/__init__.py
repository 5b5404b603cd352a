"""The shared kernel: generic pieces used by several modules."""
