import { Inject, Injectable } from '@nestjs/common';
import { WithBackgroundWork } from '../common/background/background-work';
import { Clock } from '../common/time/clock';
import { wordDiff } from '../common/text/word-diff';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { addressTo } from '../notifications/notification';
import { NotificationsService } from '../notifications/notifications.service';
import { ArticleRecipients, articleRecipients } from '../notifications/recipients';
import { sourceChanged } from '../notifications/templates/source-changed.template';
import { UsersService } from '../users/users.service';
import { ArticleFacts, ArticleFactsReader } from './article-facts';
import { NationalContentRepository } from './national-content.repository';
import { SourceChangeTask } from './source-change-task.entity';

/** Tells the owner (or the coordinators) about a bronwijziging, with a word diff of the national text. */
@Injectable()
export class SourceChangeNotifier extends WithBackgroundWork {
  constructor(
    private readonly repository: NationalContentRepository,
    private readonly facts: ArticleFactsReader,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** The owner while active, else the department's coordinators: decided when the task is made. */
  async recipients(article: ArticleFacts): Promise<ArticleRecipients> {
    const owner = article.ownerId ? (await this.users.findByIds([article.ownerId])).get(article.ownerId) : null;
    return articleRecipients(owner, article.department.coordinators);
  }

  /** After commit; a crash loses the mail, not the task (it stays in the editor's tasks). */
  notifyLater(tasks: SourceChangeTask[]): void {
    for (const task of tasks) {
      if (task.routedTo.length) this.background.run('source-change notification', () => this.notify(task));
    }
  }

  private async notify(task: SourceChangeTask): Promise<void> {
    const article = (await this.facts.read([task.articleId])).get(task.articleId);
    const versions = await this.repository.versions([task.fromVersionId, task.toVersionId]);
    const from = versions.get(task.fromVersionId)!;
    const to = versions.get(task.toVersionId)!;
    const item = await this.repository.findItemById(to.itemId);
    if (!article || !item) return;
    const route = await this.recipients(article);
    const content = sourceChanged({
      recipientName: route.routedTo === 'owner' && route.to[0] === task.routedTo[0] ? route.name : undefined,
      article: { id: article.id, title: article.title, department: article.department.name },
      source: { uri: item.uri, title: to.title, version: to.version },
      diff: wordDiff(from.body, to.body),
      baseUrl: this.config.http.publicBaseUrl,
    });
    const results = await this.notifications.send(addressTo(task.routedTo, content));
    if (results.some((r) => r.ok)) await this.repository.markNotified(task.id, this.clock.now());
  }
}
