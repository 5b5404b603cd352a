#!/usr/bin/env bash
# The national topology on one machine, on loopback and high ports only, for tests and drills:
#   nginx :18080 (and TLS :18443, self-signed)  ->  app1 :18001, app2 :18002 (gunicorn)
#   worker1 (runs the periodic tasks), worker2 (Huey, --no-periodic)
#   PostgreSQL :15432 (a private cluster made with initdb / pg_ctl) and Redis :16379
# with a fresh database and the demo data. `make cluster` / `make cluster-stop`.
#
#   deploy/cluster.sh start|stop|status
#   deploy/cluster.sh kill SERVICE        # SIGKILL, as a crash would (drills)
#   deploy/cluster.sh restart SERVICE     # what systemd's Restart=always does after a crash
#   deploy/cluster.sh stop-service SERVICE / start-service SERVICE
#   deploy/cluster.sh exec COMMAND...     # run a command with the cluster's environment
#   deploy/cluster.sh pid SERVICE
# SERVICE: nginx app1 app2 worker1 worker2 postgres redis.
# LINDUNG_CLUSTER_DIR (default var/cluster) holds data, logs and pids;
# LINDUNG_CLUSTER_PEOPLE (default 1500) the synthetic people of the demo data.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$(mkdir -p "${LINDUNG_CLUSTER_DIR:-$ROOT/var/cluster}" && cd "${LINDUNG_CLUSTER_DIR:-$ROOT/var/cluster}" && pwd)"
VENV="$ROOT/.venv"
HTTP_PORT=18080 TLS_PORT=18443 APP1_PORT=18001 APP2_PORT=18002 PG_PORT=15432 REDIS_PORT=16379
RUN="$DIR/run" LOGS="$DIR/logs"

die() { echo "cluster: $*" >&2; exit 1; }
log() { echo "cluster: $*"; }

pg_bin() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$bin" ] && [ -x "$bin/pg_ctl" ] || die "PostgreSQL server binaries not found (apt-get install postgresql)"
  echo "$bin"
}

# PostgreSQL refuses to run as root: as root, its files belong to the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

ensure_tools() {
  if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    [ "$(id -u)" = 0 ] || die "nginx is missing (apt-get install nginx)"
    log "installing nginx"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  fi
  command -v redis-server >/dev/null 2>&1 || die "redis-server is missing (apt-get install redis-server)"
  pg_bin >/dev/null
  [ -x "$VENV/bin/lindung" ] || (cd "$ROOT" && make install >/dev/null)
}

cluster_env() {
  # The code of this checkout, whatever the virtualenv's editable install points at.
  export PYTHONPATH="$ROOT/src${PYTHONPATH:+:$PYTHONPATH}"
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/lindung"
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
  export LINDUNG_SECRET_KEY; LINDUNG_SECRET_KEY="$(cat "$DIR/secret.key")"
  export LINDUNG_VAR_DIR="$DIR/var"
  export LINDUNG_HTTPS=0
  export LINDUNG_ALLOWED_HOSTS="127.0.0.1,localhost"
  export LINDUNG_CSRF_TRUSTED_ORIGINS="http://127.0.0.1:$HTTP_PORT,https://127.0.0.1:$TLS_PORT"
  # The app servers believe X-Forwarded-For from nginx only.
  export LINDUNG_TRUSTED_PROXIES="127.0.0.1"
  export PROMETHEUS_MULTIPROC_DIR="$DIR/metrics"
  export LINDUNG_WEB_WORKERS="${LINDUNG_WEB_WORKERS:-2}"
  export LINDUNG_TASK_WORKERS=2
  export LINDUNG_CLUSTER_URL="http://127.0.0.1:$HTTP_PORT"
  export LINDUNG_CLUSTER_DIR="$DIR"
  export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres
}

pidfile() { echo "$RUN/$1.pid"; }
alive() { local f; f="$(pidfile "$1")"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }

# Each service runs in its own session (process group): stopping it stops its children too,
# like systemd's control group.
spawn() {
  local name="$1"; shift
  setsid "$@" >>"$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! >"$(pidfile "$name")"
}

stop_group() {
  local name="$1" f pid
  f="$(pidfile "$name")"
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 -- "-$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$f"
}

wait_http() {
  local url="$1" seconds="${2:-60}"
  for _ in $(seq 1 $((seconds * 5))); do
    curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}

start_postgres() {
  local bin; bin="$(pg_bin)"
  as_pg "$bin/pg_ctl" -D "$DIR/pg/data" -l "$LOGS/postgres.log" -w -t 60 start \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $DIR/pg/socket" >/dev/null
}

stop_postgres() {
  local bin; bin="$(pg_bin)"
  [ -f "$DIR/pg/data/postmaster.pid" ] || return 0
  as_pg "$bin/pg_ctl" -D "$DIR/pg/data" -m fast -w -t 60 stop >/dev/null || true
}

start_redis() {
  spawn redis redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$DIR/redis" \
    --appendonly yes --appendfsync everysec --save "" --protected-mode yes
  for _ in $(seq 1 50); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "redis did not start (see $LOGS/redis.log)"
}

stop_redis() {
  redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true
  stop_group redis
}

start_app() {
  local name="$1" port="$2"
  spawn "$name" "$VENV/bin/lindung" serve --host 127.0.0.1 --port "$port" \
    --workers "$LINDUNG_WEB_WORKERS"
  # Two minutes: a start takes seconds, but CI machines are often busy.
  wait_http "http://127.0.0.1:$port/healthz" 120 || die "$name did not start (see $LOGS/$name.log)"
}

start_worker() {
  local name="$1"; shift
  spawn "$name" "$VENV/bin/lindung" run_huey "$@"
}

write_nginx() {
  local user_line=""
  mkdir -p "$DIR/nginx/temp"
  if [ "$(id -u)" = 0 ]; then
    user_line="user nobody nogroup;"
    chown -R nobody "$DIR/nginx/temp"
  fi
  if [ ! -f "$DIR/nginx/tls.crt" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" \
      -keyout "$DIR/nginx/tls.key" -out "$DIR/nginx/tls.crt" >/dev/null 2>&1
  fi
  sed "s#@ACCESS_LOG@#$LOGS/nginx-access.log#" "$ROOT/deploy/nginx/lindung-locations.conf" \
    >"$DIR/nginx/lindung-locations.conf"
  cat >"$DIR/nginx/nginx.conf" <<EOF
# Generated by deploy/cluster.sh from deploy/nginx/lindung.conf's layout: the same
# locations, limits and timeouts; loopback ports; a self-signed certificate.
$user_line
daemon off;
worker_processes 1;
pid $RUN/nginx-master.pid;
error_log $LOGS/nginx-error.log crit;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path $DIR/nginx/temp/body;
    proxy_temp_path $DIR/nginx/temp/proxy;
    fastcgi_temp_path $DIR/nginx/temp/fastcgi;
    uwsgi_temp_path $DIR/nginx/temp/uwsgi;
    scgi_temp_path $DIR/nginx/temp/scgi;
    log_format lindung_noaddr escape=json
        '{"event":"proxy.access","request":"\$request_method \$uri","status":\$status,'
        '"bytes":\$body_bytes_sent,"s":\$request_time,"upstream":"\$upstream_addr",'
        '"upstream_s":"\$upstream_response_time"}';
    upstream lindung_app {
        least_conn;
        server 127.0.0.1:$APP1_PORT max_fails=3 fail_timeout=10s;
        server 127.0.0.1:$APP2_PORT max_fails=3 fail_timeout=10s;
        keepalive 32;
    }
    server {
        listen 127.0.0.1:$HTTP_PORT;
        listen 127.0.0.1:$TLS_PORT ssl;
        ssl_certificate $DIR/nginx/tls.crt;
        ssl_certificate_key $DIR/nginx/tls.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        server_name 127.0.0.1 localhost;
        # The load generator stands in for an upstream load balancer on loopback: it sends
        # each simulated visitor's address in X-Forwarded-For, believed from loopback only.
        set_real_ip_from 127.0.0.1;
        real_ip_header X-Forwarded-For;
        set \$lindung_static_root $DIR/var/static/;
        include $DIR/nginx/lindung-locations.conf;
    }
}
EOF
  /usr/sbin/nginx -t -q -c "$DIR/nginx/nginx.conf" -p "$DIR/nginx/" 2>>"$LOGS/nginx-error.log" \
    || die "nginx configuration invalid (see $LOGS/nginx-error.log)"
}

start_nginx() {
  spawn nginx /usr/sbin/nginx -c "$DIR/nginx/nginx.conf" -p "$DIR/nginx/"
  wait_http "http://127.0.0.1:$HTTP_PORT/healthz" 30 || die "nginx did not start"
}

start_service() {
  case "$1" in
    app1) start_app app1 "$APP1_PORT" ;;
    app2) start_app app2 "$APP2_PORT" ;;
    worker1) start_worker worker1 ;;
    worker2) start_worker worker2 --no-periodic ;;
    nginx) write_nginx; start_nginx ;;
    postgres) start_postgres ;;
    redis) start_redis ;;
    *) die "unknown service $1" ;;
  esac
}

stop_service() {
  case "$1" in
    postgres) stop_postgres ;;
    redis) stop_redis ;;
    app1|app2|worker1|worker2|nginx) stop_group "$1" ;;
    *) die "unknown service $1" ;;
  esac
}

service_pid() {
  case "$1" in
    postgres) head -1 "$DIR/pg/data/postmaster.pid" ;;
    *) cat "$(pidfile "$1")" ;;
  esac
}

cmd_start() {
  ensure_tools
  cmd_stop >/dev/null 2>&1 || true
  local started=$SECONDS bin
  bin="$(pg_bin)"
  rm -rf "$DIR/pg" "$DIR/redis" "$DIR/metrics" "$DIR/var" "$RUN" "$LOGS"
  mkdir -p "$DIR/pg/socket" "$DIR/redis" "$DIR/metrics" "$DIR/var" "$RUN" "$LOGS"
  [ -f "$DIR/secret.key" ] || (umask 077; head -c 48 /dev/urandom | base64 | tr -d '/+=\n' >"$DIR/secret.key")
  if [ "$(id -u)" = 0 ]; then chown -R postgres "$DIR/pg"; touch "$LOGS/postgres.log"; chown postgres "$LOGS/postgres.log"; fi
  log "PostgreSQL :$PG_PORT (fresh cluster), Redis :$REDIS_PORT"
  as_pg "$bin/initdb" -D "$DIR/pg/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
  start_postgres
  as_pg "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres lindung
  start_redis
  cluster_env
  log "database, reference data and demo data (logs/setup.log)"
  "$VENV/bin/lindung" demo --no-serve --people "${LINDUNG_CLUSTER_PEOPLE:-1500}" \
    >"$LOGS/setup.log" 2>&1 || { tail -20 "$LOGS/setup.log"; die "demo data failed"; }
  grep -o "API token for [^:]*: .*" "$LOGS/setup.log" | sed 's/.*: //' >"$DIR/api-token" || true
  log "app servers :$APP1_PORT :$APP2_PORT, two workers, nginx :$HTTP_PORT (TLS :$TLS_PORT)"
  start_service app1
  start_service app2
  start_service worker1
  start_service worker2
  start_service nginx
  wait_http "http://127.0.0.1:$HTTP_PORT/readyz" 60 || die "not ready: $(curl -s "http://127.0.0.1:$HTTP_PORT/readyz")"
  log "up in $((SECONDS - started)) s: http://127.0.0.1:$HTTP_PORT/ (demo accounts: logs/setup.log)"
}

cmd_stop() {
  for name in nginx app1 app2 worker1 worker2; do stop_group "$name"; done
  stop_redis
  stop_postgres
  log "stopped"
}

cmd_status() {
  local name state
  for name in nginx app1 app2 worker1 worker2 redis; do
    if alive "$name"; then state="up (pid $(cat "$(pidfile "$name")"))"; else state=down; fi
    printf '%-9s %s\n' "$name" "$state"
  done
  if [ -f "$DIR/pg/data/postmaster.pid" ]; then echo "postgres  up (pid $(service_pid postgres))"; else echo "postgres  down"; fi
  curl -s --max-time 3 "http://127.0.0.1:$HTTP_PORT/readyz" || true
  echo
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  kill) [ -n "${2:-}" ] || die "kill SERVICE"; kill -KILL "$(service_pid "$2")"; log "$2 killed (SIGKILL)" ;;
  restart) [ -n "${2:-}" ] || die "restart SERVICE"; cluster_env; stop_service "$2"; start_service "$2"; log "$2 restarted" ;;
  stop-service) [ -n "${2:-}" ] || die "stop-service SERVICE"; cluster_env; stop_service "$2"; log "$2 stopped" ;;
  start-service) [ -n "${2:-}" ] || die "start-service SERVICE"; cluster_env; start_service "$2"; log "$2 started" ;;
  pid) service_pid "$2" ;;
  exec) shift; cluster_env; exec "$@" ;;
  *) sed -n '2,16p' "$0"; exit 2 ;;
esac
