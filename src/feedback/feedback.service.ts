import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { scrubPersonalData } from '../common/privacy/personal-data-scrubber';
import { LiveArticle, PublishedArticlesService } from '../articles/published-articles.service';
import { hasRole } from '../common/request-context/roles';
import { WithBackgroundWork } from '../common/background/background-work';
import { ifMatchAccepts } from '../common/http/if-match';
import type { Actor } from '../common/request-context/actor';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Department } from '../departments/department.entity';
import { departmentFromField, departmentIdsOf } from '../departments/department-field';
import { DepartmentsService } from '../departments/departments.service';
import { addressTo } from '../notifications/notification';
import { NotificationsService } from '../notifications/notifications.service';
import { articleRecipients } from '../notifications/recipients';
import { feedbackReceived } from '../notifications/templates/feedback-received.template';
import { UsersService } from '../users/users.service';
import { CreateFeedbackDto, FeedbackReplyDto, ListFeedbackQueryDto, PageQueryDto } from './dto/feedback.dto';
import { FeedbackListResponse, FeedbackResponse, feedbackEtag, toFeedbackResponse } from './dto/feedback-response';
import { FeedbackAccessSubject, feedbackAccess } from './feedback-access';
import { Feedback } from './feedback.entity';
import {
  FeedbackArticleNotPublishedError,
  FeedbackModifiedError,
  FeedbackNotFoundError,
  InvalidFeedbackSectionError,
} from './feedback.errors';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackAction, feedbackSections, feedbackWorkflow } from './feedback-workflow';

/**
 * Terugmeldingen: agents report on a live article; the report is routed to the article's owner (or
 * the department's coordinators) and tracked until the department resolves or rejects it with a
 * reply the agent sees.
 */
@Injectable()
export class FeedbackService extends WithBackgroundWork {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feedback: FeedbackRepository,
    private readonly published: PublishedArticlesService,
    private readonly departments: DepartmentsService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  // Active feedback follows its article to another department in the database, in the transaction
  // that moves the article (migrations/1795516000000-FeedbackFollowsArticle.ts).

  async report(actor: Actor, articleId: string, dto: CreateFeedbackDto): Promise<FeedbackResponse> {
    const live = await this.liveArticle(articleId);
    const sections = feedbackSections(live.article.kind);
    if (dto.section !== undefined && !Object.hasOwn(sections, dto.section))
      throw new InvalidFeedbackSectionError(dto.section, Object.keys(sections));
    const department = live.article.department!;
    const owner = live.article.ownerId ? (await this.users.findByIds([live.article.ownerId])).get(live.article.ownerId) : null;
    const recipients = articleRecipients(owner, department.coordinators);
    const query = dto.searchQuery === undefined ? '' : scrubPersonalData(dto.searchQuery).text;
    const now = this.clock.now();
    const saved = await this.dataSource.transaction((manager) =>
      this.feedback.save(
        manager,
        this.feedback.create({
          id: randomUUID(),
          articleId: live.article.id,
          articleVersion: live.version.number,
          articleTitle: live.version.content.title,
          departmentId: department.id,
          reporterId: actor.userId,
          kind: dto.kind,
          section: dto.section ?? null,
          comment: dto.comment,
          searchQuery: query || null,
          status: 'open',
          reply: null,
          handledById: null,
          routedTo: recipients.to,
          notifiedAt: null,
          createdAt: now,
          updatedAt: now,
          startedAt: null,
          closedAt: null,
        }),
      ),
    );
    // After commit: a crash here loses the mail, never the feedback (it is in the editor's list and tasks).
    if (recipients.to.length) {
      const content = feedbackReceived({
        recipientName: recipients.name,
        article: { id: live.article.id, title: saved.articleTitle, department: department.name, owner: owner?.name || undefined },
        feedback: { kind: saved.kind, comment: saved.comment, section: saved.section ? sections[saved.section] : undefined },
        baseUrl: this.config.http.publicBaseUrl,
      });
      this.background.run('feedback notification', async () => {
        const results = await this.notifications.send(addressTo(recipients.to, content));
        if (results.some((r) => r.ok)) await this.feedback.markNotified(saved.id, this.clock.now());
      });
    }
    return this.respond(saved);
  }

  async get(actor: Actor, id: string): Promise<FeedbackResponse> {
    const feedback = await this.feedback.findById(id);
    if (!feedback) throw new FeedbackNotFoundError(id);
    feedbackAccess.assertCanRead(actor, await this.accessSubject(feedback));
    return this.respond(feedback);
  }

  /** For editors (their departments) and coordinators (any). */
  async list(actor: Actor, query: ListFeedbackQueryDto): Promise<FeedbackListResponse> {
    let departmentIds: string[] | undefined;
    if (query.department) {
      const department = await departmentFromField(this.departments, query.department);
      feedbackAccess.assertCanList(actor, department.slug);
      departmentIds = [department.id];
    } else if (!hasRole(actor, 'coordinator')) {
      departmentIds = await departmentIdsOf(this.departments, actor.departments);
    }
    const page = await this.feedback.list({
      departmentIds,
      status: query.status,
      articleId: query.article,
      limit: query.limit ?? 20,
      cursor: query.cursor,
    });
    return { items: await this.respondMany(page.items), nextCursor: page.nextCursor };
  }

  /** The agent's own feedback with the replies, newest first. */
  async mine(actor: Actor, query: PageQueryDto): Promise<FeedbackListResponse> {
    const page = await this.feedback.list({ reporterId: actor.userId, limit: query.limit ?? 20, cursor: query.cursor });
    return { items: await this.respondMany(page.items), nextCursor: page.nextCursor };
  }

  /** start, resolve or reject: row lock, If-Match, access, the transitions table. */
  async act(
    actor: Actor,
    id: string,
    action: FeedbackAction,
    ifMatch: string | undefined,
    dto: FeedbackReplyDto,
  ): Promise<FeedbackResponse> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const feedback = await this.feedback.lock(manager, id);
      if (!feedback) throw new FeedbackNotFoundError(id);
      feedbackAccess.assertCanHandle(actor, await this.accessSubject(feedback));
      if (!ifMatchAccepts(feedbackEtag(feedback), ifMatch)) throw new FeedbackModifiedError(feedbackEtag(feedback));
      const to = feedbackWorkflow.apply({ status: feedback.status, reply: dto.reply }, action);
      const now = this.clock.now();
      feedback.status = to;
      feedback.handledById = actor.userId;
      feedback.updatedAt = now;
      if (action === 'start') feedback.startedAt = now;
      else {
        feedback.reply = dto.reply!.trim();
        feedback.closedAt = now;
      }
      return this.feedback.save(manager, feedback);
    });
    return this.respond(saved);
  }

  private async liveArticle(articleId: string): Promise<LiveArticle> {
    const [live] = await this.published.findLive([articleId]);
    if (!live) throw new FeedbackArticleNotPublishedError(articleId);
    return live;
  }

  private async accessSubject(feedback: Feedback): Promise<FeedbackAccessSubject> {
    const [department, [live]] = await Promise.all([
      this.departments.get(feedback.departmentId),
      this.published.findLive([feedback.articleId]),
    ]);
    return { departmentSlug: department.slug, reporterId: feedback.reporterId, ownerId: live?.article.ownerId ?? null };
  }

  private async respond(feedback: Feedback): Promise<FeedbackResponse> {
    return (await this.respondMany([feedback]))[0];
  }

  private async respondMany(items: Feedback[]): Promise<FeedbackResponse[]> {
    const [departments, users] = await Promise.all([
      this.departments.list(),
      this.users.findByIds(items.flatMap((f) => [f.reporterId ?? '', f.handledById ?? ''])),
    ]);
    const byId = new Map<string, Department>(departments.map((d) => [d.id, d]));
    return items.map((f) => toFeedbackResponse(f, { departments: byId, users }));
  }
}
