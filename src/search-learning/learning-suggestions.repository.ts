import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { insertRun, lastRun } from '../common/persistence/aggregation-run';
import { lockingQuery } from '../common/persistence/row-lock';
import type { QuestionCandidate, SynonymCandidate } from './learning-aggregation';
import { LearningRun, LearningSuggestion, type SuggestionKind, type SuggestionStatus } from './learning-suggestion.entity';

/** All SQL about learning suggestions and the runs of their job. */
@Injectable()
export class LearningSuggestionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Opens new suggestions and refreshes the evidence of open ones; accepted and rejected ones keep
   * theirs and their status (the job never reopens a decision). Returns how many rows were new.
   */
  async upsert(manager: EntityManager, candidates: (QuestionCandidate | SynonymCandidate)[], now: Date): Promise<number> {
    if (candidates.length === 0) return 0;
    const column = <T>(pick: (c: QuestionCandidate | SynonymCandidate) => T) => candidates.map(pick);
    const rows: { inserted: boolean }[] = await manager.query(
      `INSERT INTO learning_suggestions (key, kind, article_id, question, terms, searchers, days, reformulations, examples, first_seen_at, last_seen_at, status, created_at)
       SELECT t.key, t.kind, t.article_id, t.question,
         CASE WHEN t.terms IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(t.terms)) END,
         t.searchers, t.days, t.reformulations, t.examples, t.first_seen_at, t.last_seen_at, 'open', $12
       FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::jsonb[], $6::int[], $7::int[], $8::int[], $9::jsonb[], $10::timestamptz[], $11::timestamptz[])
         AS t(key, kind, article_id, question, terms, searchers, days, reformulations, examples, first_seen_at, last_seen_at)
       ON CONFLICT (key) DO UPDATE SET searchers = EXCLUDED.searchers, days = EXCLUDED.days, reformulations = EXCLUDED.reformulations,
         examples = EXCLUDED.examples, first_seen_at = LEAST(learning_suggestions.first_seen_at, EXCLUDED.first_seen_at),
         last_seen_at = GREATEST(learning_suggestions.last_seen_at, EXCLUDED.last_seen_at)
       WHERE learning_suggestions.status = 'open'
       RETURNING (xmax = 0) AS inserted`,
      [
        column((c) => c.key),
        column((c) => ('question' in c ? 'question' : 'synonym')),
        column((c) => ('articleId' in c ? c.articleId : null)),
        column((c) => ('question' in c ? c.question : null)),
        column((c) => ('terms' in c ? JSON.stringify(c.terms) : null)),
        column((c) => c.searchers),
        column((c) => c.days),
        column((c) => c.reformulations),
        column((c) => JSON.stringify(c.examples)),
        column((c) => c.firstSeenAt),
        column((c) => c.lastSeenAt),
        now,
      ],
    );
    return rows.filter((r) => r.inserted).length;
  }

  insertRun(manager: EntityManager, run: Omit<LearningRun, 'id'>): Promise<LearningRun> {
    return insertRun(manager, LearningRun, run);
  }

  lastRun(): Promise<LearningRun | null> {
    return lastRun(this.dataSource, LearningRun);
  }

  /** Strongest evidence first. */
  list(filter: { status: SuggestionStatus; kind?: SuggestionKind; limit: number }): Promise<LearningSuggestion[]> {
    const qb = this.dataSource
      .getRepository(LearningSuggestion)
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.article', 'a')
      .where('s.status = :status', { status: filter.status })
      .orderBy('s.searchers', 'DESC')
      .addOrderBy('s.reformulations', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .limit(filter.limit);
    if (filter.kind) qb.andWhere('s.kind = :kind', { kind: filter.kind });
    return qb.getMany();
  }

  findById(id: string): Promise<LearningSuggestion | null> {
    return this.dataSource.getRepository(LearningSuggestion).findOne({ where: { id }, relations: { article: true } });
  }

  lock(manager: EntityManager, id: string): Promise<LearningSuggestion | null> {
    return lockingQuery(manager, LearningSuggestion, 's').where('s.id = :id', { id }).getOne();
  }

  save(manager: EntityManager, suggestion: LearningSuggestion): Promise<LearningSuggestion> {
    return manager.getRepository(LearningSuggestion).save(suggestion);
  }
}
