import { ArticleEvent } from '../articles/article-event.entity';
import { ArticleSlug } from '../articles/article-slug.entity';
import { ArticleVersion } from '../articles/article-version.entity';
import { Article } from '../articles/article.entity';
import { Department } from '../departments/department.entity';
import { ReviewReminder } from '../stewardship/review-reminder.entity';
import { StewardshipDelivery } from '../stewardship/stewardship-delivery.entity';
import { StewardshipPreference } from '../stewardship/stewardship-preference.entity';
import { StewardshipRun } from '../stewardship/stewardship-run.entity';
import { StewardshipSnapshot } from '../stewardship/stewardship-snapshot.entity';
import { User } from '../users/user.entity';

/** Every entity, for the application and for the migration CLI alike. */
export const ENTITIES = [
  User,
  Department,
  Article,
  ArticleVersion,
  ArticleEvent,
  ArticleSlug,
  ReviewReminder,
  StewardshipDelivery,
  StewardshipSnapshot,
  StewardshipPreference,
  StewardshipRun,
];
