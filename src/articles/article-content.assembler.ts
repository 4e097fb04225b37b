import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FieldProblem } from '../common/errors/domain-error';
import { UplCatalog } from '../upl/upl-catalog';
import { ArticleContent, ArticleKind, KIND_FIELDS, KIND_SPECIFIC_FIELDS, SECTION_KEYS, Sections, cleanQuestions } from './article-content';
import { ArticlesRepository } from './articles.repository';
import { InvalidArticleContentError } from './articles.errors';
import type { ArticleContentFieldsDto } from './dto/article-input.dto';

export type ContentPatch = ArticleContentFieldsDto & { title?: string };

/** Folds whitespace, drops empties and duplicates (case-insensitively), keeps the editor's order. */
export function cleanTags(values: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const value = raw.replace(/\s+/g, ' ').trim();
    const key = value.toLowerCase();
    if (!value || seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

const blank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && !value.trim());

/**
 * Applies an editor's (or importer's) changes to a content snapshot and enforces the rules that span
 * fields: which fields a kind may have, instructions stay internal, UPL name and URI come from the
 * official list and belong together, related articles exist.
 */
@Injectable()
export class ArticleContentAssembler {
  constructor(
    private readonly upl: UplCatalog,
    private readonly articles: ArticlesRepository,
  ) {}

  async apply(
    kind: ArticleKind,
    base: ArticleContent,
    patch: ContentPatch,
    options: { manager: EntityManager; articleId?: string; pendingIds?: Set<string> },
  ): Promise<ArticleContent> {
    const problems: FieldProblem[] = [];
    const next: ArticleContent = { ...base, sections: { ...base.sections } };

    if (patch.title !== undefined) next.title = patch.title.trim();
    if (patch.summary !== undefined) next.summary = patch.summary.trim();
    if (patch.audience !== undefined) next.audience = patch.audience;
    for (const field of ['question', 'answer', 'explanation', 'body', 'kccNotes'] as const) {
      if (patch[field] !== undefined) next[field] = blank(patch[field]) ? null : patch[field]!;
    }
    if (patch.sections !== undefined) next.sections = mergeSections(next.sections, patch.sections);
    if (patch.themes !== undefined) next.themes = cleanTags(patch.themes);
    if (patch.lifeEvents !== undefined) next.lifeEvents = cleanTags(patch.lifeEvents);
    if (patch.synonyms !== undefined) next.synonyms = cleanTags(patch.synonyms);
    if (patch.alternativeQuestions !== undefined) next.alternativeQuestions = cleanQuestions(patch.alternativeQuestions);
    if (patch.targetGroups !== undefined) next.targetGroups = [...new Set(patch.targetGroups)];

    const allowed = KIND_FIELDS[kind];
    for (const field of KIND_SPECIFIC_FIELDS) {
      if (allowed.includes(field)) continue;
      const value = field === 'sections' ? (Object.keys(next.sections).length ? next.sections : null) : next[field];
      if (!blank(value)) problems.push({ field, code: 'NOT_ALLOWED_FOR_KIND', message: `a ${kind} has no ${field}` });
    }
    if (kind === 'instruction' && next.audience !== 'internal') {
      problems.push({ field: 'audience', code: 'INSTRUCTION_IS_INTERNAL', message: 'werkinstructies are always internal' });
    }

    if (patch.uplName !== undefined || patch.uplUri !== undefined) {
      const name = patch.uplName !== undefined ? patch.uplName : patch.uplUri !== undefined ? null : next.uplName;
      const uri = patch.uplUri !== undefined ? patch.uplUri : null;
      const resolved = this.upl.resolve(blank(name) ? null : name, blank(uri) ? null : uri);
      if (resolved === null) {
        next.uplName = null;
        next.uplUri = null;
      } else if (resolved.ok) {
        next.uplName = resolved.name;
        next.uplUri = resolved.uri;
      } else {
        problems.push({ field: resolved.field, code: 'UNKNOWN_UPL', message: resolved.message });
      }
    }

    if (patch.relatedIds !== undefined) {
      const wanted = [...new Set(patch.relatedIds.map((id) => id.toLowerCase()))];
      if (options.articleId && wanted.includes(options.articleId)) {
        problems.push({ field: 'relatedIds', code: 'SELF_REFERENCE', message: 'an article cannot be related to itself' });
      }
      // An import knows its ids already; only the others cost a query.
      const unknown = wanted.filter((id) => !options.pendingIds?.has(id));
      const existing = unknown.length ? await this.articles.existingIds(unknown, options.manager) : new Set<string>();
      const missing = unknown.filter((id) => !existing.has(id));
      if (missing.length) {
        problems.push({ field: 'relatedIds', code: 'UNKNOWN_ARTICLE', message: `no article with id ${missing.join(', ')}` });
      }
      next.relatedIds = wanted.filter((id) => id !== options.articleId);
    }

    if (!next.title) problems.push({ field: 'title', code: 'REQUIRED', message: 'title must not be empty' });
    if (problems.length) throw new InvalidArticleContentError(problems);
    return next;
  }
}

/** A section set to an empty string (or null) is removed; others are replaced; key order stays canonical. */
function mergeSections(current: Sections, patch: Sections): Sections {
  const merged: Sections = {};
  for (const key of SECTION_KEYS) {
    const value = patch[key] !== undefined ? patch[key] : current[key];
    if (typeof value === 'string' && value.trim()) merged[key] = value;
  }
  return merged;
}
