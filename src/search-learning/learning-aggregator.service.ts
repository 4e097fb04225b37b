import { Inject, Injectable, Logger } from '@nestjs/common';
import { ReformulationsService } from '../analytics/reformulations.service';
import { questionKey } from '../articles/article-content';
import { PublishedArticlesService } from '../articles/published-articles.service';
import { aggregationWindow, isDailyRunDue } from '../common/queue/daily-aggregation';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DutchAnalyzer } from '../search/dutch/dutch-analyzer';
import { SearchService } from '../search/search.service';
import { type QuestionCandidate, type SynonymCandidate, aggregateReformulations } from './learning-aggregation';
import { LearningSuggestionsRepository } from './learning-suggestions.repository';

export type LearningTrigger = 'schedule' | 'manual';

export interface LearningRunResult {
  ranAt: string;
  windowFrom: string;
  windowTo: string;
  reformulations: number;
  withPersonalData: number;
  questions: number;
  synonyms: number;
  created: number;
}

/**
 * The learning job: agents' reformulations of the last SEARCH_LEARNING_WINDOW_DAYS, turned into
 * suggestions for coordinators. It only suggests: nothing reaches an article or the synonym store
 * until a coordinator accepts it. Recomputes the window every run, so running it twice changes nothing.
 */
@Injectable()
export class LearningAggregator {
  private readonly logger = new Logger(LearningAggregator.name);

  constructor(
    private readonly reformulations: ReformulationsService,
    private readonly repository: LearningSuggestionsRepository,
    private readonly published: PublishedArticlesService,
    private readonly search: SearchService,
    private readonly analyzer: DutchAnalyzer,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async aggregate(trigger: LearningTrigger): Promise<LearningRunResult> {
    const now = this.clock.now();
    const { from, to } = aggregationWindow(now, this.config.searchLearning.windowDays);
    const found = await this.reformulations.between(from, to);
    const candidates = aggregateReformulations(found, this.config.searchLearning, this.analyzer);
    const questions = await this.newQuestions(candidates.questions);
    const synonyms = await this.newSynonyms(candidates.synonyms);
    // decided keys stay decided: the upsert refreshes open suggestions only
    const open = [...questions, ...synonyms];
    const created = await this.repository.transaction(async (manager) => {
      const count = await this.repository.upsert(manager, open, now);
      await this.repository.insertRun(manager, {
        ranAt: now,
        windowFrom: from,
        windowTo: to,
        reformulations: found.length,
        withPersonalData: candidates.withPersonalData,
        questions: questions.length,
        synonyms: synonyms.length,
        created: count,
        trigger,
      });
      return count;
    });
    this.logger.log(
      `search learning (${trigger}): ${found.length} reformulations (${candidates.withPersonalData} with personal data) → ` +
        `${questions.length} question variants, ${synonyms.length} synonyms, ${created} new`,
    );
    return {
      ranAt: now.toISOString(),
      windowFrom: from.toISOString(),
      windowTo: to.toISOString(),
      reformulations: found.length,
      withPersonalData: candidates.withPersonalData,
      questions: questions.length,
      synonyms: synonyms.length,
      created,
    };
  }

  /** For the in-process schedule (no Redis): a run is due once a day. */
  async isDue(): Promise<boolean> {
    return isDailyRunDue((await this.repository.lastRun())?.ranAt, this.clock.now());
  }

  /** Only for live articles, and only what the live version does not say already (title, question, variants). */
  private async newQuestions(candidates: QuestionCandidate[]): Promise<QuestionCandidate[]> {
    const live = new Map((await this.published.findLive([...new Set(candidates.map((c) => c.articleId))])).map((l) => [l.article.id, l]));
    return candidates.filter((c) => {
      const content = live.get(c.articleId)?.version.content;
      if (!content) return false;
      const known = [content.title, content.question ?? '', ...(content.alternativeQuestions ?? [])].map(questionKey);
      return !known.includes(questionKey(c.question));
    });
  }

  /** Only pairs search does not treat as synonyms already. */
  private async newSynonyms(candidates: SynonymCandidate[]): Promise<SynonymCandidate[]> {
    const fresh: SynonymCandidate[] = [];
    for (const c of candidates) if (!(await this.search.synonymsRelated(c.terms[0], c.terms[1]))) fresh.push(c);
    return fresh;
  }
}
