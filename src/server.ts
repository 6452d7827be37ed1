/**
 * The whole HTTP service: the API (src/api) with the server-rendered pages (src/site) mounted on it.
 * Wiring only, like src/cli.ts: the API never imports the pages, so they arrive here as functions.
 *
 *   const app = createApp(loadConfig(), engine, { ingestFile });   app.listen(3000)
 */
import type { Config } from './config.js';
import type { SearchEngine } from './engine/types.js';
import { createApp as createApi, type AppDeps } from './api/app.js';
import { mountSite } from './site/routes.js';
import { renderMessagePage } from './site/pages.js';

export type { AppDeps } from './api/app.js';

export function createApp(config: Config, engine: SearchEngine, deps: AppDeps = {}) {
  return createApi(config, engine, { site: mountSite, htmlPage: renderMessagePage, ...deps });
}
