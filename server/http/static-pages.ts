import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { escapeHtml } from '../transcript/render.ts';

const PAGES = [
  { path: '/', file: 'index.html', title: 'Svar — widget demo' },
  { path: '/staff', file: 'staff/index.html', title: 'Svar — staff console' },
  { path: '/editor', file: 'editor/index.html', title: 'Svar — editor console' },
] as const;

function placeholder(title: string, dir: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><h1>${escapeHtml(title)}</h1>
<p>This page has not been built yet: nothing was found in <code>${escapeHtml(dir)}</code>.
Build the widget and consoles, then reload.</p></body></html>
`;
}

/**
 * The built widget and consoles (widget/dist): `/` is the demo page, `/staff` and `/editor` the consoles.
 * Widget assets may be loaded by municipality pages on other origins.
 */
export function staticPages(dir: string): Router {
  const router = Router();
  router.use(
    express.static(dir, {
      index: 'index.html',
      setHeaders: (res, path) => {
        if (/\.(js|css|woff2?|svg|png)$/.test(path)) res.set('Cross-Origin-Resource-Policy', 'cross-origin');
      },
    }),
  );
  for (const page of PAGES) {
    router.get(page.path, (_req, res) => {
      const file = join(dir, page.file);
      if (existsSync(file)) res.sendFile(file);
      else res.type('html').send(placeholder(page.title, dir));
    });
  }
  return router;
}
