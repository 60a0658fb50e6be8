#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432, trust auth for local TCP) and Redis (127.0.0.1:6379) answer,
# starting them, and installing the Debian packages first, where they do not. Used by `npm start`,
# `npm test` and CI alike. Extra Debian packages (speech for loudspeakers, a browser for the tests)
# are named in EXTRA_PACKAGES.
set -euo pipefail

PG_HOST=127.0.0.1
PG_PORT=5432
REDIS_PORT=6379
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

log() { printf '[services] %s\n' "$*"; }

# "Removed" packages keep a dpkg record (config files), so ask for the installed state itself.
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

apt_updated=""
apt_install() {
  local missing=()
  for pkg in "$@"; do installed "$pkg" || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ -z "$apt_updated" ]; then
    log "apt-get update"
    $SUDO apt-get update -qq
    apt_updated=1
  fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pg_ready() { command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; }
redis_ready() { command -v redis-cli >/dev/null 2>&1 && [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }

ensure_postgres() {
  if pg_ready; then log "postgres is up"; return; fi
  apt_install postgresql postgresql-contrib
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  local hba="/etc/postgresql/$version/main/pg_hba.conf"
  if ! grep -q 'tincoso: trust local TCP' "$hba"; then
    log "allowing trust auth on 127.0.0.1 and ::1 (development machine)"
    $SUDO sed -i '1i # tincoso: trust local TCP\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  fi
  log "starting postgres $version"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
  pg_ready || { log "postgres did not come up on $PG_HOST:$PG_PORT"; exit 1; }
}

ensure_redis() {
  if redis_ready; then log "redis is up"; return; fi
  apt_install redis-server
  log "starting redis"
  $SUDO mkdir -p /var/lib/redis /var/log/redis
  $SUDO redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/tincoso.log
  for _ in $(seq 1 30); do redis_ready && break; sleep 1; done
  redis_ready || { log "redis did not come up on 127.0.0.1:$REDIS_PORT"; exit 1; }
}

ensure_postgres
ensure_redis
if [ -n "${EXTRA_PACKAGES:-}" ]; then
  # shellcheck disable=SC2086
  apt_install $EXTRA_PACKAGES
fi
