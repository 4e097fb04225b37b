import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { Logger as Pino } from 'pino';
import { AppModule } from './app.module';
import { answerClientErrorsAsJson } from './common/http/client-error';
import { rejectUnsafeInput } from './common/http/input-guard';
import { buildOpenApiDocument } from './common/http/openapi-document';
import { jsonBody } from './common/http/json-body';
import { corsOptions, securityHeaders, varyOnOrigin } from './common/http/security-headers';
import { refuseLongUrls } from './common/http/url-length';
import { httpLogger } from './common/logging/http-logger';
import { PinoNestLogger, createLogger } from './common/logging/logger';
import { bindRequestContext } from './common/request-context/request-context';
import { requestId } from './common/request-context/request-id.middleware';
import { Clock } from './common/time/clock';
import { AppConfig } from './config/app-config';
import { httpMetrics } from './metrics/http-metrics.middleware';
import { MetricsService } from './metrics/metrics.service';
import { mountWerkplek } from './werkplek/werkplek.static';

/**
 * Builds the HTTP application exactly as production runs it; tests use this too. `logger`: the pino
 * logger to write to (default: JSON on stdout at LOG_LEVEL), or false for silence. `inProcessSchedules`:
 * without Redis, this process keeps the job schedules (main.ts; tests run the jobs themselves).
 */
export async function createHttpApp(
  config: AppConfig,
  options: { logger?: false | Pino; clock?: Clock; inProcessSchedules?: boolean } = {},
): Promise<INestApplication> {
  const logger = options.logger === false ? createLogger(false) : (options.logger ?? createLogger(config.logLevel));
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, { clock: options.clock, inProcessSchedules: options.inProcessSchedules }),
    {
      bodyParser: false,
      logger: new PinoNestLogger(logger),
    },
  );
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // First, so the timing covers body parsing and every rejection too.
  app.use(httpMetrics(app.get(MetricsService)));
  app.set('trust proxy', config.http.trustProxy);
  answerClientErrorsAsJson(app.getHttpServer());
  app.use(requestId);
  app.use(httpLogger(logger));
  app.use(securityHeaders(config.auth.issuer));
  if (config.http.corsOrigins.length > 0) app.use(varyOnOrigin);
  app.enableCors(corsOptions(config.http.corsOrigins));
  app.use(refuseLongUrls);
  app.use(...jsonBody(config.http.bodyLimit));
  app.use(rejectUnsafeInput);
  app.use(bindRequestContext);
  mountWerkplek(app);
  if (config.http.swagger) {
    const document = buildOpenApiDocument(app);
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  }
  return app;
}
