# syntax=docker/dockerfile:1
# policy-search: multi-stage image on Node 20 (better-sqlite3 12.x is the line for Node 20).
# 1. build: all dependencies, `npm run build` → dist/ (tsc output + the prebuilt widget);
# 2. deps: production dependencies only (compiling better-sqlite3 if no prebuilt binary fits);
# 3. runtime: dist/ and those dependencies on a slim base, running `node dist/src/cli.js` as the
#    unprivileged `node` user. No TypeScript, tsx or esbuild in the image.

ARG NODE_IMAGE=node:20-bookworm

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY ingest ./ingest
COPY scripts ./scripts
RUN npm run build

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

FROM ${NODE_IMAGE}-slim AS runtime
ENV NODE_ENV=production \
    ENGINE=meilisearch \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --chown=root:root package.json package-lock.json ./
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root corpus ./corpus
# OCR of scanned PDFs (ingest/extract/ocr.ts): tesseract with the Vietnamese model, poppler's pdftoppm.
RUN apt-get update && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-vie poppler-utils \
    && rm -rf /var/lib/apt/lists/*
# The code is root-owned and read-only for the service; only DATA_DIR is writable
# (used by ENGINE=sqlite; with Meilisearch the service keeps no state).
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Same as `npm start` (serve, ingesting corpus/ incrementally on start), without npm in between
# so SIGTERM reaches node directly.
ENTRYPOINT ["node", "dist/src/cli.js"]
CMD ["serve", "--ingest-corpus"]
