# syntax=docker/dockerfile:1
# The dering image: the compiled CLI (dist/) and production dependencies only, run as `node`.
# Every compose service runs it: a dering command (`docker compose run --rm worker dering status`)
# or a process entrypoint of workers/ (`node /app/dist/workers/ingest.js`, as the worker service does).

# --- build: compile src/, workers/ and db/ into dist/ (needs the dev dependencies: typescript)
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY bin ./bin
# No lifecycle scripts yet: `prepare` would build before the sources are copied.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workers ./workers
COPY db ./db
RUN npm run build

# --- runtime: dist/ and `npm ci --omit=dev`; no sources, no compiler
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
# `dering …` on the PATH, for `docker compose exec worker dering ingest /inbox/...`.
RUN printf '#!/bin/sh\nexec node /app/dist/src/cli/main.js "$@"\n' > /usr/local/bin/dering \
  && chmod 755 /usr/local/bin/dering \
  && mkdir -p /inbox && chown node:node /inbox
USER node
# node itself is PID 1 (exec form, no shell): SIGTERM from `docker compose stop` reaches dering,
# which finishes its active jobs within SHUTDOWN_TIMEOUT_MS and exits.
ENTRYPOINT ["node", "/app/dist/src/cli/main.js"]
CMD ["--help"]
