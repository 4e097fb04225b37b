import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ArticleChangeSignal } from '../articles/article-change.signal';
import { ArticlePublishingService } from '../articles/article-publishing.service';
import { ArticleNotFoundError, ArticleNotPublishedError } from '../articles/articles.errors';
import type { Actor } from '../common/request-context/actor';
import { Clock } from '../common/time/clock';
import { SearchService } from '../search/search.service';
import { UsersService } from '../users/users.service';
import {
  ListSuggestionsQueryDto,
  RejectSuggestionDto,
  SuggestionListResponse,
  SuggestionResponse,
  toSuggestionResponse,
} from './dto/learning-suggestion.dto';
import type { LearningSuggestion } from './learning-suggestion.entity';
import { LearningSuggestionsRepository } from './learning-suggestions.repository';
import { SuggestionAlreadyDecidedError, SuggestionArticleNotLiveError, SuggestionNotFoundError } from './search-learning.errors';

/**
 * Coordinators' side of the learning loop: what the job suggested, and their decisions. Accepting
 * applies at once through the normal write paths (a new article version; the synonym store search
 * reads); rejecting records the decision so the job never suggests it again.
 */
@Injectable()
export class SearchLearningService {
  constructor(
    private readonly repository: LearningSuggestionsRepository,
    private readonly publishing: ArticlePublishingService,
    private readonly signal: ArticleChangeSignal,
    private readonly search: SearchService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  async list(query: ListSuggestionsQueryDto): Promise<SuggestionListResponse> {
    const rows = await this.repository.list({ status: query.status ?? 'open', kind: query.kind, limit: query.limit ?? 50 });
    const people = await this.users.findByIds(rows.map((r) => r.decidedById ?? ''));
    const last = await this.repository.lastRun();
    return { items: rows.map((r) => toSuggestionResponse(r, people)), refreshedAt: last?.ranAt.toISOString() ?? null };
  }

  async get(id: string): Promise<SuggestionResponse> {
    const row = await this.repository.findById(id);
    if (!row) throw new SuggestionNotFoundError(id);
    return this.toResponse(row);
  }

  async accept(actor: Actor, id: string): Promise<SuggestionResponse> {
    const { articleId, synonyms } = await this.repository.transaction(async (manager) => {
      const suggestion = await this.decidable(manager, id);
      if (suggestion.kind === 'question') {
        const reason = `Vraagvariant uit zoekgedrag, geaccepteerd door ${actor.email}`;
        suggestion.appliedVersion = await this.publishing
          .addQuestionVariant(manager, actor, suggestion.articleId!, suggestion.question!, reason)
          .catch((error: unknown) => {
            if (error instanceof ArticleNotPublishedError || error instanceof ArticleNotFoundError)
              throw new SuggestionArticleNotLiveError(suggestion.articleId!);
            throw error;
          });
      } else {
        await this.search.addSynonymPair(manager, [suggestion.terms![0], suggestion.terms![1]]);
      }
      await this.decide(manager, suggestion, actor, 'accepted', null);
      return { articleId: suggestion.appliedVersion ? suggestion.articleId : null, synonyms: suggestion.kind === 'synonym' };
    });
    // after commit: search indexes the new version, a secondary engine gets the synonyms
    if (articleId) this.signal.committed(articleId);
    if (synonyms) await this.search.pushSynonyms();
    return this.get(id);
  }

  async reject(actor: Actor, id: string, dto: RejectSuggestionDto): Promise<SuggestionResponse> {
    await this.repository.transaction(async (manager) => {
      const suggestion = await this.decidable(manager, id);
      await this.decide(manager, suggestion, actor, 'rejected', dto.reason?.trim() || null);
    });
    return this.get(id);
  }

  private async decidable(manager: EntityManager, id: string) {
    const suggestion = await this.repository.lock(manager, id);
    if (!suggestion) throw new SuggestionNotFoundError(id);
    if (suggestion.status !== 'open') throw new SuggestionAlreadyDecidedError(suggestion.status);
    return suggestion;
  }

  private async decide(
    manager: EntityManager,
    suggestion: LearningSuggestion,
    actor: Actor,
    status: 'accepted' | 'rejected',
    reason: string | null,
  ): Promise<void> {
    suggestion.status = status;
    suggestion.decidedById = actor.userId;
    suggestion.decidedAt = this.clock.now();
    suggestion.rejectReason = reason;
    await this.repository.save(manager, suggestion);
  }

  private async toResponse(row: LearningSuggestion): Promise<SuggestionResponse> {
    const people = await this.users.findByIds([row.decidedById ?? '']);
    return toSuggestionResponse(row, people);
  }
}
