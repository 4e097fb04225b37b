import type { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
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
  app.getHttpAdapter().get('/', (_req: unknown, res: unknown) => app.getHttpAdapter().redirect(res, 302, WERKPLEK_PATH));
}
