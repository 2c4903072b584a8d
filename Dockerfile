# syntax=docker/dockerfile:1
# Build stage: compile TypeScript and the native better-sqlite3 addon later issues add.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json ./
COPY src ./src
COPY commands ./commands
COPY bench ./bench
COPY scripts ./scripts
RUN npx tsc -p tsconfig.json \
 && node --check dist/src/cli.js \
 && npm prune --omit=dev

# Runtime stage: only what runs, as an unprivileged user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY scenarios ./scenarios
COPY src/sandbox/tls ./src/sandbox/tls
COPY examples ./examples
# State (the SQLite store) lives only under /app/data, so the root filesystem can be read-only.
RUN mkdir -p /app/data && chown 10001:10001 /app/data
VOLUME /app/data
USER 10001:10001
ENTRYPOINT ["node", "/app/dist/src/cli.js"]
CMD ["help"]
