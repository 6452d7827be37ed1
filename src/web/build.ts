/**
 * Build the widget (src/web/widget → one IIFE script + its stylesheet) with esbuild's API, in memory.
 * Used by scripts/build.ts (`npm run build` → dist/web/) and scripts/build-web.ts (sizes). The service
 * serves the prebuilt files; only when they are missing or older than the sources (a checkout run with
 * tsx, where esbuild is installed as a devDependency) does it build once in memory (see widgetBundle).
 */
import { readFile, stat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const WIDGET_DIR = path.join(HERE, 'widget');
/**
 * Where the prebuilt widget lives: from the sources (src/web/build.ts) the repository's dist/web; when
 * this module is itself compiled (dist/src/web/build.js) the web/ folder of that same output.
 */
export const DIST_DIR = import.meta.url.endsWith('.js') ? path.resolve(HERE, '../../web') : path.resolve(HERE, '../../dist/web');

export interface WidgetBundle { js: string; css: string; builtAt: string; from: 'dist' | 'memory' }

export async function buildWidget(opts: { minify?: boolean } = {}): Promise<{ js: string; css: string }> {
  const esbuild = await import('esbuild').catch((e) => {
    throw new Error(`the widget is not prebuilt (${path.join(DIST_DIR, 'widget.js')} is missing) and esbuild, a devDependency, is not installed: run \`npm run build\``, { cause: e });
  });
  const minify = opts.minify ?? true;
  const cssSource = await readFile(path.join(WIDGET_DIR, 'widget.css'), 'utf8');
  const css = (await esbuild.transform(cssSource, { loader: 'css', minify })).code;
  const result = await esbuild.build({
    entryPoints: [path.join(WIDGET_DIR, 'index.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    minify,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    plugins: [{
      name: 'css-as-minified-text',
      setup(b) {
        b.onLoad({ filter: /\.css$/ }, async () => ({ contents: css, loader: 'text' }));
      },
    }],
  });
  return { js: result.outputFiles[0].text, css };
}

async function newestSource(): Promise<number> {
  let newest = 0;
  for (const f of await readdir(WIDGET_DIR)) newest = Math.max(newest, (await stat(path.join(WIDGET_DIR, f))).mtimeMs);
  return newest;
}

let cached: Promise<WidgetBundle> | null = null;

/** The widget as served: dist/web/ when it is at least as new as the sources, otherwise built once in memory. */
export function widgetBundle(): Promise<WidgetBundle> {
  cached ??= (async (): Promise<WidgetBundle> => {
    const jsFile = path.join(DIST_DIR, 'widget.js');
    const cssFile = path.join(DIST_DIR, 'widget.css');
    // Sources absent (an image with dist/ only) count as older than any build.
    const [distTime, srcTime] = await Promise.all([
      stat(jsFile).then((s) => s.mtimeMs, () => -1),
      newestSource().catch(() => -1),
    ]);
    if (distTime >= 0 && distTime >= srcTime) {
      return { js: await readFile(jsFile, 'utf8'), css: await readFile(cssFile, 'utf8'), builtAt: new Date(distTime).toISOString(), from: 'dist' };
    }
    return { ...(await buildWidget({ minify: true })), builtAt: new Date().toISOString(), from: 'memory' };
  })();
  cached.catch(() => { cached = null; });
  return cached;
}
