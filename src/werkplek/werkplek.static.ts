import type { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
import { UUID_PATTERN } from '../common/http/cursor';
import { projectRoot } from '../common/project-root';

export const WERKPLEK_PATH = '/werkplek/';

/**
 * The werkplek (web interface) is static files talking to the same API: no build step, no second
 * deployable. Its files are public; everything it shows comes from the API, which checks every call.
 */
export function mountWerkplek(app: NestExpressApplication): void {
  const root = projectRoot();
  app.useStaticAssets(join(root, 'node_modules/chart.js/dist'), { prefix: `${WERKPLEK_PATH}vendor/chart/`, index: false });
  app.useStaticAssets(join(root, 'src/werkplek/public'), { prefix: WERKPLEK_PATH, index: 'index.html' });
  const http = app.getHttpAdapter();
  http.get('/', (_req: unknown, res: unknown) => {
    http.redirect(res, 302, WERKPLEK_PATH);
  });
  // The links in e-mails are plain URLs; the werkplek routes in the fragment. "?actie=inhoud-gecontroleerd"
  // opens the article with the confirmation one click away.
  const articleLink = (req: { params: { id: string }; query: Record<string, unknown> }, res: unknown) => {
    const id = UUID_PATTERN.test(req.params.id) ? req.params.id : '';
    if (!id) {
      http.redirect(res, 302, WERKPLEK_PATH);
      return;
    }
    const target = req.query.actie === 'inhoud-gecontroleerd' ? `#/bewerken/${id}?actie=inhoud-gecontroleerd` : `#/artikel/${id}`;
    http.redirect(res, 302, `${WERKPLEK_PATH}${target}`);
  };
  http.get(`${WERKPLEK_PATH}artikelen/:id`, articleLink as never);
}
