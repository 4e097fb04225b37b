import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { cleanTags } from '../../articles/article-content.assembler';
import { DutchAnalyzer } from '../dutch/dutch-analyzer';
import { SynonymIndex } from '../query/synonym-index';

const CACHE_MS = 5_000;

/**
 * Synonym groups are data (coordinators edit them); both engines use them. Cached briefly per
 * process so a change reaches every API replica within seconds without a query per search.
 */
@Injectable()
export class SynonymsService {
  private cached: { index: SynonymIndex; groups: string[][]; at: number } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly analyzer: DutchAnalyzer,
  ) {}

  async groups(): Promise<string[][]> {
    return (await this.current()).groups;
  }

  async index(): Promise<SynonymIndex> {
    return (await this.current()).index;
  }

  /** Replaces every group (PUT semantics), in one transaction. */
  async replace(groups: string[][]): Promise<string[][]> {
    const cleaned = groups.map((g) => cleanTags(g));
    const problems = cleaned
      .map((g, i) =>
        g.length < 2 ? { field: `groups.${i}`, code: 'TOO_FEW_TERMS', message: 'a group needs at least two different terms' } : null,
      )
      .filter((p): p is NonNullable<typeof p> => p !== null);
    if (problems.length) throw new ValidationFailedError(problems);
    await this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM search_synonym_groups');
      if (cleaned.length)
        await manager.query(
          'INSERT INTO search_synonym_groups (terms) SELECT array(SELECT jsonb_array_elements_text(g)) FROM jsonb_array_elements($1::jsonb) g',
          [JSON.stringify(cleaned)],
        );
    });
    this.cached = null;
    return this.groups();
  }

  /**
   * Makes two terms synonyms, inside the caller's transaction: joins the group that has either (and
   * merges two groups when each has one), else starts a group. False when they share a group already.
   * Terms are compared as search compares them (analysed), so "Rijbewijs" joins "rijbewijs"'s group.
   */
  async addPair(manager: EntityManager, pair: [string, string]): Promise<boolean> {
    // one writer at a time: two accepted pairs must not both start a group for the same term
    await manager.query('LOCK TABLE search_synonym_groups IN SHARE ROW EXCLUSIVE MODE');
    const rows: { id: number; terms: string[] }[] = await manager.query('SELECT id, terms FROM search_synonym_groups ORDER BY id');
    const keyOf = (term: string) => this.keys(term).join(' ');
    const [a, b] = cleanTags(pair);
    if (!a || !b || keyOf(a) === keyOf(b)) return false;
    const groupOf = (term: string) => rows.find((r) => r.terms.some((t) => keyOf(t) === keyOf(term)));
    const [ga, gb] = [groupOf(a), groupOf(b)];
    if (ga && ga === gb) return false;
    if (ga && gb) {
      await manager.query('UPDATE search_synonym_groups SET terms = $2 WHERE id = $1', [ga.id, cleanTags([...ga.terms, ...gb.terms])]);
      await manager.query('DELETE FROM search_synonym_groups WHERE id = $1', [gb.id]);
    } else if (ga || gb) {
      const group = (ga ?? gb)!;
      await manager.query('UPDATE search_synonym_groups SET terms = $2 WHERE id = $1', [group.id, cleanTags([...group.terms, ga ? b : a])]);
    } else {
      await manager.query('INSERT INTO search_synonym_groups (terms) VALUES ($1)', [[a, b]]);
    }
    this.cached = null;
    return true;
  }

  /** Whether two terms are in one group already (as search compares them). */
  async related(a: string, b: string): Promise<boolean> {
    const [keysA, keysB] = [this.keys(a), this.keys(b)];
    if (keysA.length === 0) return false;
    const match = (await this.index()).longestMatch(keysA);
    return !!match && match.length === keysA.length && match.members.some((m) => m.join(' ') === keysB.join(' '));
  }

  /** A term as the synonym index keys it. */
  private keys(term: string): string[] {
    return this.analyzer
      .tokens(term)
      .filter((t) => !this.analyzer.isStopWord(t.word))
      .map((t) => t.key);
  }

  private async current() {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached;
    const rows: { terms: string[] }[] = await this.dataSource.query('SELECT terms FROM search_synonym_groups ORDER BY id');
    const groups = rows.map((r) => r.terms);
    // Unchanged groups keep their index: building it is not free, and what was planned with it stays valid.
    const previous = this.cached;
    const index =
      previous && JSON.stringify(previous.groups) === JSON.stringify(groups) ? previous.index : new SynonymIndex(groups, this.analyzer);
    this.cached = { groups, index, at: Date.now() };
    return this.cached;
  }
}
