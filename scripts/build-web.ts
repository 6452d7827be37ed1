/**
 * npm run build:web → dist/web/widget.js and dist/web/widget.css (minified), and prints their sizes.
 * The service serves these files when present and newer than the sources; otherwise it builds in memory.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWidget, DIST_DIR } from '../src/web/build.js';

const LIMIT_GZIP = 15 * 1024;
const { js, css } = await buildWidget({ minify: true });
await mkdir(DIST_DIR, { recursive: true });
await writeFile(path.join(DIST_DIR, 'widget.js'), js);
await writeFile(path.join(DIST_DIR, 'widget.css'), css);
const size = (s: string) => {
  const raw = Buffer.byteLength(s);
  const gz = gzipSync(s, { level: 9 }).length;
  return { raw, gz };
};
const j = size(js);
const c = size(css);
console.log(`dist/web/widget.js   ${j.raw} bytes raw, ${j.gz} bytes gzip -9 (budget ${LIMIT_GZIP} bytes gzip; styles included)`);
console.log(`dist/web/widget.css  ${c.raw} bytes raw, ${c.gz} bytes gzip -9 (fallback stylesheet, not loaded where adoptedStyleSheets exist)`);
if (j.gz > LIMIT_GZIP) {
  console.error(`widget.js is over budget: ${j.gz} > ${LIMIT_GZIP} bytes gzip`);
  process.exit(1);
}
