import { Injectable, Logger } from '@nestjs/common';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../common/project-root';
import type { Actor } from '../../common/request-context/actor';
import { DepartmentsService } from '../../departments/departments.service';
import { UsersService } from '../../users/users.service';
import { ArticleImportService, ImportReport } from './article-import.service';

const FIXTURE_ACTOR_EMAIL = 'import@kennisbank.local';

/** Loads content-fixtures/: departments first, then every articles/*.json through the importer. */
@Injectable()
export class FixtureLoader {
  private readonly logger = new Logger(FixtureLoader.name);

  constructor(
    private readonly importer: ArticleImportService,
    private readonly departments: DepartmentsService,
    private readonly users: UsersService,
  ) {}

  async load(dir = join(projectRoot(), 'content-fixtures'), onProgress?: (done: number, total: number) => void): Promise<ImportReport> {
    const user = await this.users.ensureByEmail(FIXTURE_ACTOR_EMAIL, 'Import');
    const actor: Actor = { userId: user.id, email: user.email, name: user.name, roles: ['admin'], departments: [] };
    const departments = JSON.parse(readFileSync(join(dir, 'departments.json'), 'utf8')) as {
      slug: string;
      name: string;
      contactEmail?: string;
      reviewIntervalDays?: number;
      coordinators?: string[];
    }[];
    for (const d of departments) {
      if (!(await this.departments.find(d.slug))) await this.departments.create(d);
    }
    const files = readdirSync(join(dir, 'articles'))
      .filter((f) => f.endsWith('.json'))
      .sort();
    const items = files.flatMap((f) => JSON.parse(readFileSync(join(dir, 'articles', f), 'utf8')) as unknown[]);
    const report = await this.importer.import(actor, items, onProgress);
    this.logger.log(
      `fixtures: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.failed} failed`,
    );
    for (const failed of report.items.filter((i) => i.outcome === 'failed')) {
      this.logger.warn(`fixture ${failed.externalId ?? `#${failed.index}`} failed: ${JSON.stringify(failed.error)}`);
    }
    return report;
  }
}
