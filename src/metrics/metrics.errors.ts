import { DomainError } from '../common/errors/domain-error';

export enum MetricsErrorCode {
  TokenRequired = 'METRICS_TOKEN_REQUIRED',
}

/** 401: METRICS_TOKEN is set and the scraper did not present it as a bearer token. */
export class MetricsTokenRequiredError extends DomainError {
  constructor() {
    super('unauthenticated', MetricsErrorCode.TokenRequired, 'Metrics need the configured bearer token (METRICS_TOKEN)');
  }
}
