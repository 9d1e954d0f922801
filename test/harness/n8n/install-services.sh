#!/usr/bin/env bash
# The servers the queue-mode scenario (queue.e2e.ts) starts by itself, from Debian's packages:
# Redis (n8n's job queue) and PostgreSQL (the database n8n supports in queue mode; with SQLite
# n8n only warns "Scaling mode is not officially supported"). A no-op when both are installed.
# Nothing is started or enabled here: the scenario runs its own throw-away servers on 127.0.0.1.
set -euo pipefail

have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }
have_redis() { command -v redis-server >/dev/null; }

if have_redis && have_postgres; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-services.sh: redis-server and postgresql are needed (apt-get install -y redis-server postgresql, as root)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# a policy-rc.d answering 101 keeps the packages from starting their own servers
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get install -y -qq --no-install-recommends redis-server postgresql </dev/null
have_redis && have_postgres
