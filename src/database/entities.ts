import { ArticleEvent } from '../articles/article-event.entity';
import { ArticleSlug } from '../articles/article-slug.entity';
import { ArticleVersion } from '../articles/article-version.entity';
import { Article } from '../articles/article.entity';
import { ContentGap, ContentGapRun } from '../content-gaps/content-gap.entity';
import { Department } from '../departments/department.entity';
import { Feedback } from '../feedback/feedback.entity';
import { LinkCheckOccurrence, LinkCheckResult, LinkCheckRun } from '../link-check/link-check.entity';
import { ArticleNationalSource } from '../national-content/article-national-source.entity';
import { NationalItem, NationalItemVersion } from '../national-content/national-item.entity';
import { SourceChangeTask } from '../national-content/source-change-task.entity';
import { LearningRun, LearningSuggestion } from '../search-learning/learning-suggestion.entity';
import { ReviewReminder } from '../stewardship/review-reminder.entity';
import { StewardshipDelivery } from '../stewardship/stewardship-delivery.entity';
import { StewardshipPreference } from '../stewardship/stewardship-preference.entity';
import { StewardshipRun } from '../stewardship/stewardship-run.entity';
import { StewardshipSnapshot } from '../stewardship/stewardship-snapshot.entity';
import { User } from '../users/user.entity';
import { ApiKey } from '../auth/api-keys/api-key.entity';
import { AuditLogEntry } from '../audit/audit-log.entity';

/** Every entity, for the application and for the migration CLI alike. */
export const ENTITIES = [
  User,
  Department,
  Article,
  ArticleVersion,
  ArticleEvent,
  ArticleSlug,
  ApiKey,
  AuditLogEntry,
  Feedback,
  NationalItem,
  NationalItemVersion,
  ArticleNationalSource,
  SourceChangeTask,
  ContentGap,
  ContentGapRun,
  LinkCheckRun,
  LinkCheckResult,
  LinkCheckOccurrence,
  LearningSuggestion,
  LearningRun,
  ReviewReminder,
  StewardshipDelivery,
  StewardshipSnapshot,
  StewardshipPreference,
  StewardshipRun,
];
