import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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

  private async current() {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached;
    const rows: { terms: string[] }[] = await this.dataSource.query('SELECT terms FROM search_synonym_groups ORDER BY id');
    const groups = rows.map((r) => r.terms);
    this.cached = { groups, index: new SynonymIndex(groups, this.analyzer), at: Date.now() };
    return this.cached;
  }
}
