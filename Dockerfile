# syntax=docker/dockerfile:1
# One image for every Weft process. The command picks the program
# (deploy/docker/entrypoint.sh): `api`, `worker` (the background roles in
# WEFT_ROLES), `web` or `migrate`; with none, WEFT_ROLES decides.
#
#   docker build -t weft .
#   docker run --rm -e DATABASE_URL=… weft migrate
#
# The web app proxies /graphql, /api and /hooks to the API, and Next bakes that
# address into its build: WEFT_API_ORIGIN (build argument) defaults to the
# Kubernetes Service of deploy/kubernetes; docker-compose.yml passes its own.
# See docs/operations.md, "Containers and Kubernetes".

ARG NODE_IMAGE=node:20-bookworm-slim

# --- 1. Dependencies, from the lockfile alone: this layer is rebuilt only when
#        a package.json or package-lock.json changes.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    npm_config_fund=false \
    npm_config_audit=false \
    npm_config_update_notifier=false
COPY package.json package-lock.json ./
# Every workspace's package.json (deploy/deploy.unit.spec.ts checks none is missing).
COPY apps/api/package.json apps/api/
COPY apps/cli/package.json apps/cli/
COPY apps/web/package.json apps/web/
COPY apps/worker/package.json apps/worker/
COPY libs/auth/package.json libs/auth/
COPY libs/bus/package.json libs/bus/
COPY libs/db/package.json libs/db/
COPY libs/domain/package.json libs/domain/
COPY libs/engine/package.json libs/engine/
COPY libs/event-store/package.json libs/event-store/
COPY libs/examples/package.json libs/examples/
COPY libs/nodes/package.json libs/nodes/
COPY libs/testing/package.json libs/testing/
# Install scripts are skipped: Prisma's would try to download engines that Weft
# does not need (the client is generated below; migrations run on Prisma's
# WebAssembly schema engine), and the native packages come prebuilt.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts

# --- 2. Build: the Prisma client, every workspace package (SWC), the web app.
FROM deps AS build
COPY . .
RUN node scripts/prisma-generate.mjs && node scripts/build.mjs
ARG WEFT_API_ORIGIN=http://weft-api:4000
RUN cd apps/web && WEFT_API_ORIGIN="$WEFT_API_ORIGIN" node ../../node_modules/next/dist/bin/next build
# Only what runs goes on: development dependencies and Next's build cache are dropped.
RUN npm prune --omit=dev --ignore-scripts && rm -rf apps/web/.next/cache

# --- 3. Runtime: root owns the files (read-only to the app), the app runs as
#        the image's unprivileged `node` user (uid 1000).
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=4000
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/libs ./libs
COPY --from=build /app/apps ./apps
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/examples ./examples
COPY --chmod=0755 deploy/docker/entrypoint.sh /usr/local/bin/weft
# Next writes its cache under .next/cache at run time; nothing else is written.
RUN mkdir -p apps/web/.next/cache && chown 1000:1000 apps/web/.next/cache
USER 1000:1000
# 4000: API (and its /healthz, /readyz, /metrics); 3000: web; 9464: WEFT_HEALTH_PORT of background processes.
EXPOSE 4000 3000 9464
ENTRYPOINT ["weft"]
