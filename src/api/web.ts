/**
 * Widget assets (the demo page /widget-demo is a page of src/site):
 *   GET /widget.js    the widget (built on first request when dist/web is missing or stale; see src/web/build.ts)
 *   GET /widget.css   its stylesheet (only used by browsers without constructable stylesheets)
 * Both assets are embeddable cross-origin (Cross-Origin-Resource-Policy: cross-origin, ACAO *).
 */
import type { Express, Response } from 'express';
import { widgetBundle } from '../web/build.js';

function crossOrigin(res: Response): void {
  res.set({
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': 'public, max-age=300',
    'X-Content-Type-Options': 'nosniff',
  });
}

export function mountWidget(app: Express): void {
  app.get('/widget.js', async (_req, res) => {
    const b = await widgetBundle();
    crossOrigin(res);
    res.type('application/javascript; charset=utf-8').send(b.js);
  });
  app.get('/widget.css', async (_req, res) => {
    const b = await widgetBundle();
    crossOrigin(res);
    res.type('text/css; charset=utf-8').send(b.css);
  });
}
