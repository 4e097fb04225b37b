import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { jsonBody } from './common/http/json-body';
import { requestId } from './common/request-context/request-id.middleware';
import { Clock } from './common/time/clock';
import { AppConfig } from './config/app-config';
import { httpMetrics } from './metrics/http-metrics.middleware';
import { MetricsService } from './metrics/metrics.service';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** Builds the HTTP application exactly as production runs it; tests use this too. */
export async function createHttpApp(
  config: AppConfig,
  options: { logger?: false; clock?: Clock } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, { clock: options.clock }), {
    bodyParser: false,
    logger: options.logger === false ? false : LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
  });
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // First, so the timing covers body parsing and every rejection too.
  app.use(httpMetrics(app.get(MetricsService)));
  app.use(requestId);
  app.use(...jsonBody(config.http.bodyLimit));
  if (config.http.swagger) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Kennisbank API')
        .setDescription('Kennisartikelen, workflow, versies en import voor het KCC')
        .setVersion('1')
        .build(),
    );
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  }
  return app;
}

