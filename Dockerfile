# syntax=docker/dockerfile:1
# Build stage: compile TypeScript (and better-sqlite3's native addon), then keep production dependencies only.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json ./
COPY src ./src
COPY commands ./commands
COPY bench ./bench
COPY scripts ./scripts
# The sandbox, benchmarks and scripts are compiled so the type check covers what imports them, then dropped:
# the bot never loads them, and the runtime stage copies only dist/src and dist/commands.
RUN npx tsc -p tsconfig.json \
 && node dist/scripts/bundle.js \
 && node --check dist/bundle/cli.js \
 && rm -rf dist/src/sandbox \
 && npm prune --omit=dev

# Runtime stage: only what runs, as an unprivileged user; state only under the /data volume (the root filesystem may be read-only).
# Node 24, the current LTS (Node 20's support ended in April 2026). Slim rather than distroless: the same Debian
# and glibc as the build stage that compiles better-sqlite3's addon, and a shell for the /data set-up below.
FROM node:24-bookworm-slim
# The same as package.json's name, version, description, license and repository (a test checks).
LABEL org.opencontainers.image.title="shipmate" \
      org.opencontainers.image.version="0.1.0" \
      org.opencontainers.image.description="ChatOps release bot: readiness checks, approvals, CodeBuild builds, Kubernetes rollouts and smoke tests from Slack" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.source="https://example.invalid/shipmate"
# V8 collects early and keeps a small young generation: the live heap is ~60 MB, and without these flags V8
# lets garbage pile up to hundreds of MB before a full collection. The 256 MB old-space cap is four times the
# live heap and, with the ~75 MB Node holds outside the heap, stays under the Deployment's 384Mi limit (a
# smaller semi-space, 1 MB, measured no lower). Two malloc arenas instead of glibc's eight per core take
# ~10 MB off RSS once commands have run (npm run bench:memory, README "Performance").
# V8's compiled code for the bundle's start-up is cached in /app/compile-cache at build time (below), so a start
# reads it instead of parsing 3 MB of JavaScript: the parse leaves ~17 MB of freed but unreturned malloc memory.
ENV NODE_ENV=production AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true PORT=3000 \
    NODE_OPTIONS="--max-old-space-size=256 --max-semi-space-size=2" MALLOC_ARENA_MAX=2 \
    NODE_COMPILE_CACHE=/app/compile-cache
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
# The program is dist/bundle (scripts/bundle.ts: dist/src bundled and minified, the sandbox and demo left out);
# node_modules still carries better-sqlite3's native addon.
COPY --from=build /app/dist/bundle ./dist/bundle
COPY examples/shipmate.yml ./examples/
COPY manifest.yml ./
# The default store (sqlite:./data/shipmate.db, relative to /app) lands in /data too.
RUN mkdir -p /data /app/compile-cache && chown 10001:10001 /data /app/compile-cache && ln -s /data /app/data
VOLUME /data
USER 10001:10001
# Fills the compile cache as the container runs: the same user, Node, NODE_OPTIONS and V8 flags (Node keys the cache
# by them). The cache is only read at run time; a read-only root filesystem is fine.
RUN ["node", "--optimize-for-size", "/app/dist/bundle/cli.js", "--help"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# --optimize-for-size is a V8 flag NODE_OPTIONS refuses; with the bundle it keeps RSS under SPEC §8's targets on Node 24.
ENTRYPOINT ["node", "--optimize-for-size", "/app/dist/bundle/cli.js"]
CMD ["start"]
