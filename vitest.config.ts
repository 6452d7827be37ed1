import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // A real Meilisearch for the engine cases (or MEILI_HOST when set): tests/setup/meili-server.ts
    globalSetup: ['tests/setup/meili-server.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
