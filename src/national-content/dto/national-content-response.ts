import { ApiProperty } from '@nestjs/swagger';
import type { DiffChange } from '../../common/text/word-diff';
import type { FieldProblem } from '../../common/errors/domain-error';

export type FeedOutcome = 'created' | 'updated' | 'unchanged' | 'stale' | 'failed';

export class FeedItemReport {
  index: number;
  uri: string | null;
  @ApiProperty({ enum: ['created', 'updated', 'unchanged', 'stale', 'failed'] })
  outcome: FeedOutcome;
  version?: string;
  /** bronwijzigingen made for articles built on this item */
  sourceChanges?: number;
  error?: { code: string; message: string; errors?: FieldProblem[] };
}

export class FeedReport {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  stale: number;
  failed: number;
  /** new bronwijziging tasks, one per article per new national version */
  sourceChanges: number;
  items: FeedItemReport[];
}

export class NationalItemSummaryResponse {
  uri: string;
  title: string;
  version: string;
  changedAt: string;
  linkedArticles: number;
}

export class NationalVersionRef {
  version: string;
  title: string;
  contentHash: string;
  changedAt: string;
}

export class NationalSourceResponse {
  articleId: string;
  sourceUri: string;
  /** the national text as it is now */
  current: NationalVersionRef;
  /** the version the article agrees with */
  aligned: NationalVersionRef;
  /** the national text changed since the article was last brought in line with it */
  sourceChanged: boolean;
  @ApiProperty({ enum: ['up_to_date', 'source_changed'] })
  status: 'up_to_date' | 'source_changed';
  /** the open bronwijziging */
  task: { id: string; createdAt: string; routedTo: string[]; notifiedAt: string | null } | null;
  /** word diff of the national text, aligned → current; null when up to date */
  diff: DiffChange[] | null;
  linkedAt: string;
  confirmedAt: string | null;
}

export class SourceChangeResponse {
  taskId: string;
  articleId: string;
  title: string;
  department: { id: string; slug: string; name: string };
  sourceUri: string;
  fromVersion: string;
  toVersion: string;
  since: string;
  routedTo: string[];
  notifiedAt: string | null;
}
