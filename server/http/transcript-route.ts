import { Router, type Request, type Response } from 'express';
import { hashToken } from '../chat/tokens.ts';
import type { Config } from '../config/schema.ts';
import type { Store } from '../store/store.ts';
import { transcriptHtml, transcriptText } from '../transcript/render.ts';
import { isAllowedOrigin } from '../ws/request-info.ts';
import { sendError } from './respond.ts';

/** The widget may fetch the transcript from a municipality page: answer CORS for allowed origins only. */
function cors(req: Request, res: Response, config: Config): void {
  const origin = req.headers.origin;
  if (origin && isAllowedOrigin(origin, req.headers.host, config.widget.allowedOrigins)) {
    res.set('Access-Control-Allow-Origin', origin);
    res.set('Vary', 'Origin');
    res.set('Access-Control-Allow-Headers', 'Authorization');
    res.set('Access-Control-Allow-Methods', 'GET');
    res.set('Cross-Origin-Resource-Policy', 'cross-origin');
  }
}

/**
 * GET /api/transcript?format=text|html with `Authorization: Bearer <resumeToken>`: the citizen's own
 * conversation and nothing else. The token travels in a header, not the URL, so it stays out of logs.
 */
export function transcriptRoute(d: { store: Store; config: Config }): Router {
  const router = Router();
  router.options('/api/transcript', (req, res) => {
    cors(req, res, d.config);
    res.status(204).end();
  });
  router.get('/api/transcript', async (req, res) => {
    cors(req, res, d.config);
    res.set('Cache-Control', 'no-store');
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    const c = token.length >= 16 ? await d.store.conversations.byTokenHash(hashToken(token)) : undefined;
    if (!c) return sendError(res, 404, 'not_found');
    const input = {
      municipality: d.config.municipality.name,
      lang: c.lang,
      timeZone: d.config.municipality.timeZone,
      messages: await d.store.messages.list(c.id),
    };
    const html = req.query.format === 'html';
    const day = c.createdAt.slice(0, 10);
    res.set('Content-Disposition', `attachment; filename="samtale-${day}.${html ? 'html' : 'txt'}"`);
    res.type(html ? 'text/html' : 'text/plain').send(html ? transcriptHtml(input) : transcriptText(input));
  });
  return router;
}
