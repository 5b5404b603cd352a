#!/usr/bin/env bash
# The fault drill of the national topology (docs/deployment.md), each step asserted.
#
#   deploy/tests/drill.sh [--short] [--keep] [--seconds N] [--users N] [--from N]
#
# Starts the cluster (deploy/cluster.sh) unless one is up, then:
#   1. load through nginx (bench/cluster_load.py): zero errors;
#   2. load again; kill -9 app1 during it and restart it (as systemd would); a backup taken
#      during the load: every accepted report is in the database with its receipt;
#   3. the backup restored into a fresh database: the same rows (checked by `lindung
#      restore`), and a receipt code issued before the backup tracks its report on an app
#      server started against the restored database;
#   (full drill only)
#   4. kill -9 the worker screening a 5,000-passenger manifest: it finishes once, no
#      passenger screened twice, no duplicate alert;
#   5. restart PostgreSQL during load: requests fail fast while it is down, and the
#      instance recovers by itself;
#   6. stop Redis: the public form and the tracking look-up keep working; a manifest queued
#      meanwhile is screened once Redis is back.
# --short (CI) runs 1-3 with one minute of load. --from N starts at step N (on a cluster
# kept up with --keep; steps 2-3 need step 1's receipts). The cluster is stopped at the end
# unless --keep. Results (JSON, logs) in var/cluster/drill/; each figure is printed with the
# machine's load average beside it (other work shares the CPUs).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SHORT=0 KEEP=0 SECONDS_LOAD=60 USERS=64 FROM=1
while [ $# -gt 0 ]; do
  case "$1" in
    --short) SHORT=1 ;;
    --keep) KEEP=1 ;;
    --seconds) SECONDS_LOAD="$2"; shift ;;
    --users) USERS="$2"; shift ;;
    --from) FROM="$2"; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done
CLUSTER="deploy/cluster.sh"
DIR="${LINDUNG_CLUSTER_DIR:-$ROOT/var/cluster}"
OUT="$DIR/drill"
PY=.venv/bin/python
BASE=http://127.0.0.1:18080
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
step() { echo; echo "== drill: $* ($(date -u +%T), load average $(loadavg))"; }
fail() { echo "DRILL FAILED: $*"; exit 1; }
ok() { echo "   ok: $*"; }
cx() { "$CLUSTER" exec "$@"; }

started_here=0
if ! curl -fsS -o /dev/null --max-time 3 "$BASE/readyz" 2>/dev/null; then
  step "starting the cluster"
  bash "$CLUSTER" start
  started_here=1
fi
cleanup() {
  if [ "$KEEP" = 0 ] && [ "$started_here" = 1 ]; then bash "$CLUSTER" stop || true; fi
  if [ -n "${restored_pid:-}" ]; then kill -TERM -- "-$restored_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
mkdir -p "$OUT"
TOKEN="$(cat "$DIR/api-token")"
SITE="$(cx "$PY" -c "import django,os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','lindung.settings'); django.setup(); from lindung.directory.models import Site; print(Site.objects.filter(kind='embarkation_point').order_by('name').first().pk)" | tail -1)"
load() {  # load NAME SECONDS [USERS]: the figures in $OUT/NAME.{txt,json}, receipts beside
  rm -f "$OUT/$1".{json,txt,err,receipts,started}
  "$PY" bench/cluster_load.py --base "$BASE" --seconds "$2" --users "${3:-$USERS}" \
    --site-id "$SITE" --token "$TOKEN" --out "$OUT/$1.json" --receipts "$OUT/$1.receipts" \
    --started "$OUT/$1.started" >"$OUT/$1.txt" 2>"$OUT/$1.err"
}
load_started() {  # load_started NAME: wait until its simulated users send requests
  for _ in $(seq 1 240); do [ -f "$OUT/$1.started" ] && return 0; sleep 0.5; done
  fail "the load generator did not start (see $OUT/$1.err)"
}
load_done() {  # load_done NAME PID: wait for a background load and check it reported
  wait "$2" || true
  [ -s "$OUT/$1.json" ] || fail "the load generator failed (see $OUT/$1.err)"
  cat "$OUT/$1.txt"
}
screened() {  # "SCREENED STATUS" of the manifest $manifest
  curl -fsS --max-time 10 -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/screening/manifests/$manifest" \
    | "$PY" -c "import json,sys; d=json.load(sys.stdin); print(d['screened'], d['status'])" \
    || echo "0 unknown"
}
field() { "$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$OUT/$1.json" "$2"; }

step1() {
  step "1. load: $USERS users for ${SECONDS_LOAD}s through nginx"
  load clean "$SECONDS_LOAD" || fail "the load generator failed (see $OUT/clean.err)"
  cat "$OUT/clean.txt"
  [ "$(field clean failures)" = 0 ] || fail "errors under load"
  [ "$(field clean reports_accepted)" -gt 0 ] || fail "no report accepted under load"
  ok "zero errors"
}

step2() {
  step "2. kill -9 app1 during load, backup during load"
  load kill "$SECONDS_LOAD" &
  load_pid=$!
  load_started kill
  sleep $((SECONDS_LOAD / 4))
  "$CLUSTER" kill app1
  sleep 5
  "$CLUSTER" restart app1 &
  restart_pid=$!
  sleep $((SECONDS_LOAD / 4))
  rm -rf "$OUT/backups"
  cx .venv/bin/lindung backup --dest "$OUT/backups" | tee "$OUT/backup.txt"
  backup_done_at=$(date +%s)
  wait "$restart_pid" || fail "app1 did not come back"
  load_done kill "$load_pid"
  cx "$PY" deploy/tests/check_drill.py receipts "$OUT/kill.receipts" || fail "accepted reports lost"
  cx "$PY" deploy/tests/check_drill.py receipts "$OUT/clean.receipts" || fail "reports lost"
  killed_errors="$(field kill failures)"
  # The proxy routes around the dead server: what failed is only what app1 was answering
  # when it died (nginx retries an idempotent request, never a POST): 502s, one per user
  # at most.
  "$PY" - "$OUT/kill.json" "$USERS" <<'PYEOF' || fail "more failed than app1 was answering when it died"
import json, sys
result, users = json.load(open(sys.argv[1])), int(sys.argv[2])
other = {error: n for error, n in result["errors"].items() if "502" not in error}
assert not other and result["failures"] <= users, (result["failures"], other)
PYEOF
  ok "app1 killed and back; $(field kill requests) requests, $killed_errors failed while it died (requests it was answering)"
}

step3() {
  step "3. restore the backup into a fresh database"
  backup="$(ls -d "$OUT"/backups/lindung-* | tail -1)"
  "$CLUSTER" exec sh -c 'psql -q -c "DROP DATABASE IF EXISTS lindung_restore" postgres && psql -q -c "CREATE DATABASE lindung_restore" postgres'
  rm -rf "$OUT/restored-var"; mkdir -p "$OUT/restored-var"
  restore_env=(env -u PROMETHEUS_MULTIPROC_DIR DATABASE_URL="postgres://postgres@127.0.0.1:15432/lindung_restore"
               LINDUNG_VAR_DIR="$OUT/restored-var" LINDUNG_MEDIA_ROOT="$OUT/restored-var/media"
               LINDUNG_STATIC_NO_MANIFEST=1)
  cx "${restore_env[@]}" .venv/bin/lindung restore "$backup" | tee "$OUT/restore.txt"
  grep -q "every table's rows match the backup" "$OUT/restore.txt" || fail "restore did not verify"
  code="$(head -1 "$OUT/clean.receipts" | cut -f1)"
  marker="$(head -1 "$OUT/clean.receipts" | cut -f2)"
  setsid "$CLUSTER" exec "${restore_env[@]}" .venv/bin/lindung serve --host 127.0.0.1 \
    --port 18003 --workers 1 >"$OUT/restored-app.log" 2>&1 &
  restored_pid=$!  # the session leader: its process group is the whole app server
  for _ in $(seq 1 300); do curl -fsS -o /dev/null http://127.0.0.1:18003/healthz 2>/dev/null && break; sleep 0.4; done
  jar="$OUT/cookies"; rm -f "$jar"
  csrf="$(curl -fsS -c "$jar" http://127.0.0.1:18003/reports/track/ | grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')"
  status="$(curl -s -o "$OUT/restored-track.html" -w '%{http_code}' -b "$jar" \
    -H 'X-Forwarded-For: 2001:db8::ffff' --data-urlencode "csrfmiddlewaretoken=$csrf" \
    --data-urlencode "code=$code" http://127.0.0.1:18003/reports/track/)"
  kill -TERM -- "-$restored_pid" 2>/dev/null || true; restored_pid=""
  [ "$status" = 200 ] || fail "receipt $code does not track on the restored instance (HTTP $status)"
  cx env DATABASE_URL="postgres://postgres@127.0.0.1:15432/lindung_restore" \
    "$PY" -c "import django,os,sys; os.environ.setdefault('DJANGO_SETTINGS_MODULE','lindung.settings'); django.setup(); from lindung.reports.services import report_by_receipt; assert sys.argv[2] in report_by_receipt(code=sys.argv[1]).description" "$code" "$marker" \
    || fail "the receipt opens another report on the restored instance"
  ok "restored: same rows in every table; receipt issued before the backup tracks its report"
}

step4() {
  step "4. kill -9 the worker screening a 5,000-passenger manifest"
  manifest="$("$PY" - "$BASE" "$TOKEN" "$SITE" <<'PYEOF'
import datetime, json, random, sys, urllib.request
base, token, site = sys.argv[1:4]
first = ["Maria", "Yohanes", "Siti", "Dewi", "Agus", "Yosef", "Petrus", "Ani", "Rina", "Budi"]
last = ["Ndun", "Tefa", "Bani", "Lake", "Nomleni", "Sabu", "Manu", "Kase", "Tanu", "Boimau"]
# 5,000 different people: the manifest refuses two rows with the same name (digits are not
# part of a name) and birth date, so each passenger gets a birth date of their own. One in
# 25 is a minor travelling alone abroad: an alert each, so that "no duplicate alert" counts.
adult, minor = datetime.date(1966, 1, 1), datetime.date(2012, 1, 1)
rows = [{"name": f"{random.choice(first)} {random.choice(last)}",
         "birth_date": (minor + datetime.timedelta(days=i) if i % 25 == 0
                        else adult + datetime.timedelta(days=i)).isoformat()}
        for i in range(5000)]
request = urllib.request.Request(f"{base}/api/v1/screening/manifests", method="POST",
    data=json.dumps({"site_id": site, "departure_date": datetime.date.today().isoformat(),
                     "passengers": rows}).encode(),
    headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(request, timeout=120))["id"])
PYEOF
  )"
  echo "   manifest $manifest queued"
  victim=""
  for _ in $(seq 1 600); do
    read -r n state < <(screened)
    if [ "$n" -ge 1000 ]; then
      for w in worker1 worker2; do
        pgrep -P "$("$CLUSTER" pid $w)" >/dev/null 2>&1 && victim=$w
      done
      break
    fi
    sleep 0.5
  done
  [ -n "$victim" ] || fail "no worker found screening the manifest (screened $n, $state)"
  "$CLUSTER" kill "$victim"
  echo "   $victim killed at $n passengers screened"
  sleep 3
  "$CLUSTER" restart "$victim"
  for _ in $(seq 1 300); do
    read -r n state < <(screened)
    [ "$state" = done ] && break
    sleep 2
  done
  cx "$PY" deploy/tests/check_drill.py manifest "$manifest" 5000 || fail "manifest not finished once"
}

step5() {
  step "5. restart PostgreSQL during load"
  load pgrestart 40 32 &
  load_pid=$!
  load_started pgrestart
  sleep 8
  "$CLUSTER" stop-service postgres
  down_at=$(date +%s)
  sleep 5
  code_down="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 30 "$BASE/readyz")"
  "$CLUSTER" start-service postgres
  echo "   while down: /readyz answered $code_down"
  case "$code_down" in 503*|500*|502*) ;; *) fail "no clean failure while PostgreSQL was down: $code_down" ;; esac
  recovered=""
  for i in $(seq 1 60); do
    if curl -fsS -o /dev/null --max-time 3 "$BASE/readyz"; then recovered=$((i)); break; fi
    sleep 1
  done
  [ -n "$recovered" ] || fail "no recovery within 60 s after PostgreSQL came back"
  load_done pgrestart "$load_pid"
  # Clean failures: while the database was down, every failed request was told so (503
  # with Retry-After), none got a server error.
  "$PY" - "$OUT/pgrestart.json" <<'PYEOF' || fail "requests failed otherwise than with 503 while PostgreSQL was down"
import json, sys
errors = json.load(open(sys.argv[1]))["errors"]
unclean = {error: n for error, n in errors.items() if "503" not in error}
assert not unclean, unclean
print(f"   {sum(errors.values())} requests refused with 503 while PostgreSQL was down, none otherwise")
PYEOF
  load after-pg 15 16 || fail "the load generator failed (see $OUT/after-pg.err)"
  [ "$(field after-pg failures)" = 0 ] || fail "errors after PostgreSQL came back"
  ok "failed fast while down ($code_down s), ready ${recovered} s after the restart, no errors since"
}

step6() {
  step "6. stop Redis"
  "$CLUSTER" stop-service redis
  load redis-down 20 16 || fail "the load generator failed (see $OUT/redis-down.err)"
  cat "$OUT/redis-down.txt"
  "$PY" - "$OUT/redis-down.json" <<'PYEOF' || fail "the public form or tracking failed while Redis was down"
import json, sys
routes = json.load(open(sys.argv[1]))["routes"]
for name in ("POST report submit", "POST tracking look-up", "GET report form"):
    row = routes.get(name)
    assert row and row["requests"] > 0 and row["failures"] == 0, (name, row)
PYEOF
  queued="$("$PY" - "$BASE" "$TOKEN" "$SITE" <<'PYEOF'
import datetime, json, sys, urllib.request
base, token, site = sys.argv[1:4]
rows = [{"name": f"Penumpang Antrian {chr(65 + i // 26)}{chr(65 + i % 26)}",
         "birth_date": f"{1970 + i % 30}-01-{1 + i % 28:02d}"} for i in range(300)]
request = urllib.request.Request(f"{base}/api/v1/screening/manifests", method="POST",
    data=json.dumps({"site_id": site, "departure_date": datetime.date.today().isoformat(),
                     "passengers": rows}).encode(),
    headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(request, timeout=60))["id"])
PYEOF
  )"
  "$CLUSTER" start-service redis
  manifest="$queued"
  for _ in $(seq 1 150); do
    read -r n state < <(screened)
    [ "$state" = done ] && break
    sleep 2
  done
  cx "$PY" deploy/tests/check_drill.py manifest "$queued" 300 || fail "work queued while Redis was down did not resume"
  ok "public form and tracking worked without Redis; the manifest queued meanwhile was screened after"
}

main() {
  local last=6 step_no began
  [ "$SHORT" = 1 ] && last=3
  for step_no in $(seq "$FROM" "$last"); do
    began=$SECONDS
    "step$step_no"
    echo "   (step $step_no: $((SECONDS - began)) s, load average $(loadavg))"
  done
  echo
  if [ "$SHORT" = 1 ]; then echo "drill (short): all steps passed"; else echo "drill: all steps passed"; fi
}
main; exit  # one line, read whole: editing this file during a run does not derail it
