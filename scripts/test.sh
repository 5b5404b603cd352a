#!/usr/bin/env bash
# The whole suite on SQLite, then on PostgreSQL when one is reachable.
# LINDUNG_REQUIRE_POSTGRES=1 (CI) turns an unreachable PostgreSQL into a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG_URL="${LINDUNG_TEST_POSTGRES_URL:-${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}}"
JOBS="${LINDUNG_TEST_JOBS:-2}"
status=0

echo "== tests on SQLite"
env -u DATABASE_URL -u REDIS_URL .venv/bin/pytest -n "$JOBS" "$@" || status=$?

if "$PY" - "$PG_URL" <<'PYEOF'
import sys
import psycopg
try:
    psycopg.connect(sys.argv[1], connect_timeout=3).close()
except Exception as exc:  # noqa: BLE001
    print(f"PostgreSQL not reachable: {type(exc).__name__}")
    sys.exit(1)
PYEOF
then
  echo "== tests on PostgreSQL ($PG_URL)"
  DATABASE_URL="$PG_URL" .venv/bin/pytest -n "$JOBS" "$@" || status=$?
else
  if [ "${LINDUNG_REQUIRE_POSTGRES:-0}" = "1" ]; then
    echo "FAILED: PostgreSQL is required (LINDUNG_REQUIRE_POSTGRES=1) but not reachable at $PG_URL"
    exit 1
  fi
  echo "SKIPPED: the PostgreSQL run was skipped, no PostgreSQL reachable at $PG_URL (SQLite run only)."
fi
exit $status
