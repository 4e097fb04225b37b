import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { RememberingValidationPipe } from './common/http/query-validation.pipe';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArticlesModule } from './articles/articles.module';
import { ContentGapsModule } from './content-gaps/content-gaps.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { CatalogModule } from './catalog/catalog.module';
import { CommonModule } from './common/common.module';
import { Clock, SystemClock } from './common/time/clock';
import { HttpErrorFilter } from './common/errors/http-error.filter';
import { validationExceptionFactory } from './common/errors/validation';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { buildDataSourceOptions } from './database/data-source';
import { DepartmentsModule } from './departments/departments.module';
import { FeedbackModule } from './feedback/feedback.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { AuditModule } from './audit/audit.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { LinkCheckModule } from './link-check/link-check.module';
import { NationalContentModule } from './national-content/national-content.module';
import { SearchModule } from './search/search.module';
import { SearchLearningModule } from './search-learning/search-learning.module';
import { StewardshipModule } from './stewardship/stewardship.module';
import { UplModule } from './upl/upl.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  /**
   * `config.database.url` must point at a running database (main.ts starts an embedded one if needed).
   * `inProcessSchedules`: without Redis, this process keeps the job schedules (the API server).
   */
  static forRoot(config: AppConfig, options: { clock?: Clock; inProcessSchedules?: boolean } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule.forRoot(options.clock ?? new SystemClock(), {
          redisUrl: config.redis.url,
          inProcessSchedules: options.inProcessSchedules ?? false,
        }),
        MetricsModule,
        TypeOrmModule.forRoot({ ...buildDataSourceOptions(config.database), retryAttempts: 3, retryDelay: 1000 }),
        UsersModule,
        AuthModule,
        DepartmentsModule,
        UplModule,
        ArticlesModule,
        AnalyticsModule,
        SearchModule,
        CatalogModule,
        FeedbackModule,
        NationalContentModule,
        ContentGapsModule,
        SearchLearningModule,
        LinkCheckModule,
        StewardshipModule,
        HealthModule,
        AuditModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        {
          provide: APP_PIPE,
          useValue: new RememberingValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            transform: true,
            exceptionFactory: validationExceptionFactory,
          }),
        },
        { provide: APP_GUARD, useExisting: AuthGuard },
      ],
    };
  }
}
