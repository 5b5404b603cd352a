"""Operations: health, metrics, structured logs, resilient queueing, backup and restore."""
