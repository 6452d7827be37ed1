/** tests/service/understanding.test.ts against the real Meilisearch of the test run (tests/setup/meili-server.ts). */
import { runOnMeili } from '../engine/engines.js';

await runOnMeili(() => import('./understanding.test.js'));
