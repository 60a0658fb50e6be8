# syntax=docker/dockerfile:1
# One image for the three tincoso processes: the api (default command), the worker and the cli.
#   docker build -t tincoso .
#   docker run tincoso                                    # api on :3000
#   docker run tincoso node dist/apps/worker/src/main.js  # worker
#   docker run tincoso node dist/apps/cli/src/main.js     # cli: lists its commands
# docker-compose.yml runs the whole installation; docs/operations.md explains it.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
# A compiler for argon2: its prebuilt linux-x64 binary crashed (SIGSEGV) on Debian 12 when tested, so it
# is built from source, as `npm ci` does on a development machine.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts stay off (allowScripts in package.json); the one native module is compiled explicitly,
# against the headers that come with the image.
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && cd node_modules/argon2 \
 && ZERO_AR_DATE=1 node "$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js" rebuild --nodedir=/usr/local \
 && rm -rf build/Release/obj.target build/Release/.deps
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
# tsc fails the build on a type error; the console is built (its packages are dev dependencies); the
# test helpers are not shipped; dev dependencies are pruned.
RUN npx tsc -p tsconfig.build.json \
 && npx vite build --config apps/console/vite.config.ts --logLevel warn \
 && rm -rf dist/libs/testing \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && node -e "import('argon2').then((a) => a.default.hash('check')).then(() => console.log('argon2 ok'))"

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
# Vietnamese speech for loudspeakers (espeak-ng, encoded to mp3 by lame; sox reads uploaded ogg).
RUN apt-get update \
 && apt-get install -y --no-install-recommends espeak-ng lame sox libsox-fmt-all \
 && rm -rf /var/lib/apt/lists/*
# package.json carries "type": "module", which the compiled ESM files need.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY data/units ./data/units
# The code stays root-owned and read-only to the process; only the attachment store is writable.
RUN mkdir -p var/storage && chown node:node var/storage
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
