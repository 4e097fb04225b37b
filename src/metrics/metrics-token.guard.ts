import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { metricsTokenAccepted } from './metrics-token';
import { MetricsTokenRequiredError } from './metrics.errors';

/** Runs after the global AuthGuard (the route is public by role): checks METRICS_TOKEN when one is set. */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!metricsTokenAccepted(this.config.metrics.token, req.header('authorization'))) throw new MetricsTokenRequiredError();
    return true;
  }
}
