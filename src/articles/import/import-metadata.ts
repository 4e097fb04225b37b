import type { UplCatalog } from '../../upl/upl-catalog';
import { TARGET_GROUPS } from '../article-content';

/** Something the import changed or left out of an item that it still imported. */
export interface ImportWarning {
  field: string;
  code: string;
  message: string;
  /** the value that was left out, when there is one (e.g. the outdated UPL name) */
  value?: string;
}

export const UNKNOWN_UPL = 'UNKNOWN_UPL';

const TAG_MAX = 100;
const TAGS_MAX = 50;

/**
 * Non-essential metadata must not cost a migrating municipality its articles: an unknown UPL name
 * (or URI) is left empty, unknown target groups and unusable theme or life-event tags are dropped,
 * each with a warning, before the item is validated. Returns a copy; the caller validates the rest.
 */
export function lenientMetadata(
  raw: Record<string, unknown>,
  upl: UplCatalog,
): { item: Record<string, unknown>; warnings: ImportWarning[] } {
  const item = { ...raw };
  const warnings: ImportWarning[] = [];

  const name = typeof item.uplName === 'string' && item.uplName.trim() ? item.uplName : null;
  const uri = typeof item.uplUri === 'string' && item.uplUri.trim() ? item.uplUri : null;
  const resolved = upl.resolve(name, uri);
  if (resolved && !resolved.ok) {
    const value = (resolved.field === 'uplUri' ? uri : name) ?? '';
    warnings.push({
      field: resolved.field,
      code: UNKNOWN_UPL,
      message: `"${value}" staat niet op de Uniforme Productnamenlijst (${resolved.message}); geïmporteerd zonder UPL`,
      value,
    });
    item.uplName = null;
    item.uplUri = null;
  }

  if (Array.isArray(item.targetGroups)) {
    const known = item.targetGroups.filter((g): g is string => (TARGET_GROUPS as readonly unknown[]).includes(g));
    const unknown = item.targetGroups.filter((g) => !known.includes(g as string));
    if (unknown.length) {
      warnings.push({
        field: 'targetGroups',
        code: 'UNKNOWN_TARGET_GROUP',
        message: `onbekende doelgroep weggelaten: ${unknown.map(String).join(', ')} (bekend: ${TARGET_GROUPS.join(', ')})`,
        value: unknown.map(String).join(', '),
      });
      item.targetGroups = [...new Set(known)];
    }
  }

  // Themes and life events are free text: "unknown" means not usable as a tag.
  for (const field of ['themes', 'lifeEvents'] as const) {
    const values = item[field];
    if (values === undefined || values === null) continue;
    if (!Array.isArray(values)) {
      warnings.push({ field, code: 'INVALID_TAGS', message: `${field} is geen lijst en is weggelaten` });
      delete item[field];
      continue;
    }
    const usable = values.filter((v): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= TAG_MAX);
    const dropped = values.filter((v) => !usable.includes(v as string));
    const kept = usable.slice(0, TAGS_MAX);
    if (dropped.length || kept.length < usable.length) {
      warnings.push({
        field,
        code: 'INVALID_TAG',
        message: `${dropped.length + usable.length - kept.length} onbruikbare waarde(n) weggelaten (leeg, geen tekst, langer dan ${TAG_MAX} tekens of meer dan ${TAGS_MAX})`,
      });
      item[field] = kept;
    }
  }
  return { item, warnings };
}
