#!/bin/sh
# The image's entrypoint (/usr/local/bin/weft): runs one Weft program in the
# foreground, with exec, so that it receives SIGTERM itself and shuts down cleanly.
#
#   weft api       the API: GraphQL, auth, hooks, /healthz /readyz /metrics on PORT;
#                  it also runs any background role listed in WEFT_ROLES
#   weft worker    the background program: the roles in WEFT_ROLES
#                  (worker, relay, projector, scheduler)
#   weft web       the web app (next start) on WEFT_WEB_PORT (3000)
#   weft migrate   applies prisma/migrations to DATABASE_URL, then exits
#   weft           api when WEFT_ROLES lists api (or is unset: all roles in one
#                  process), worker otherwise
#   weft <other>   runs <other> as given, e.g. `weft node scripts/rebuild-read-models.mjs`
set -eu
cd /app

# The Node flags `npm start` uses (scripts/node-flags.json), one word each.
node_flags() {
  node -p "require('./scripts/node-flags.json').join(' ')"
}

program=${1:-}
if [ -z "$program" ]; then
  roles=$(printf '%s' "${WEFT_ROLES:-api}" | tr -d ' ')
  case ",$roles," in
    *,api,*) program=api ;;
    *) program=worker ;;
  esac
else
  shift
fi

# $(node_flags) is split into words on purpose.
case "$program" in
  api)
    exec node $(node_flags) apps/api/dist/main.js "$@" ;;
  worker)
    exec node $(node_flags) apps/worker/dist/main.js "$@" ;;
  web)
    exec node node_modules/next/dist/bin/next start apps/web --hostname 0.0.0.0 --port "${WEFT_WEB_PORT:-3000}" "$@" ;;
  migrate)
    exec node $(node_flags) scripts/migrate.mjs "$@" ;;
  *)
    exec "$program" "$@" ;;
esac
