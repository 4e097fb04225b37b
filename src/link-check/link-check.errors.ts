import { DomainError } from '../common/errors/domain-error';

export enum LinkCheckErrorCode {
  AlreadyRunning = 'LINK_CHECK_RUNNING',
  NoRun = 'LINK_CHECK_NO_RUN',
}

export class LinkCheckAlreadyRunningError extends DomainError {
  constructor(runId: string) {
    super('conflict', LinkCheckErrorCode.AlreadyRunning, 'A link check is already running; wait for it to finish', { runId });
  }
}

/** Nothing to report before the first completed run. */
export class NoLinkCheckRunError extends DomainError {
  constructor() {
    super('not_found', LinkCheckErrorCode.NoRun, 'No link check has completed yet; start one with POST /api/link-check/run');
  }
}
