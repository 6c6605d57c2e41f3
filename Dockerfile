# One image for the four services. They run from TypeScript source through @swc-node/register,
# exactly as `npm start` runs them locally, so there is no separate build output to drift.
# The service is chosen by the command: node -r @swc-node/register apps/<service>/src/main.ts

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the embedded PostgreSQL and local Kafka tooling are not used in containers;
# chdb's native library ships inside its npm package and needs no install script.
RUN npm ci --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json tsconfig.base.json ./
COPY libs ./libs
COPY apps ./apps
USER node
# Overridden per service in docker-compose.yml.
CMD ["node", "-r", "@swc-node/register", "apps/config-service/src/main.ts"]
