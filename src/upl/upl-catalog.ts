import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';

export interface UplEntry {
  name: string;
  uri: string;
  /** offered by municipalities (column Gemeente) */
  municipal: boolean;
  burger: boolean;
  bedrijf: boolean;
}

const fold = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

export type UplResolution = { ok: true; name: string; uri: string } | { ok: false; field: 'uplName' | 'uplUri'; message: string };

/**
 * The Uniforme Productnamenlijst as shipped in src/upl/data (KOOP, UPL-actueel.csv), loaded once.
 * Used to validate articles' UPL name/URI and for the editor's product-name picker.
 */
@Injectable()
export class UplCatalog {
  private readonly entries: UplEntry[];
  private readonly byUri = new Map<string, UplEntry>();
  private readonly byName = new Map<string, UplEntry>();

  constructor() {
    const rows: Record<string, string>[] = parse(readFileSync(join(projectRoot(), 'src/upl/data/UPL-actueel.csv')), {
      columns: true,
      skip_empty_lines: true,
      bom: true,
    });
    this.entries = rows
      .filter((r) => r.UniformeProductnaam && r.URI)
      .map((r) => ({
        name: r.UniformeProductnaam.trim(),
        uri: r.URI.trim(),
        municipal: r.Gemeente === 'X',
        burger: r.Burger === 'X',
        bedrijf: r.Bedrijf === 'X',
      }));
    for (const entry of this.entries) {
      this.byUri.set(entry.uri, entry);
      this.byName.set(fold(entry.name), entry);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** Name matches first by prefix, then by substring; municipal products before others. */
  search(query: string, limit: number, municipalOnly: boolean): UplEntry[] {
    const q = fold(query);
    const pool = municipalOnly ? this.entries.filter((e) => e.municipal) : this.entries;
    if (!q) return pool.slice(0, limit);
    const scored: { entry: UplEntry; score: number }[] = [];
    for (const entry of pool) {
      const name = fold(entry.name);
      const at = name.indexOf(q);
      if (at < 0) continue;
      scored.push({ entry, score: (at === 0 ? 0 : name[at - 1] === ' ' ? 1 : 2) * 2 + (entry.municipal ? 0 : 1) });
    }
    scored.sort((a, b) => a.score - b.score || a.entry.name.localeCompare(b.entry.name, 'nl'));
    return scored.slice(0, limit).map((s) => s.entry);
  }

  /** Checks a name and/or URI against the list and fills in the other half. */
  resolve(name: string | null | undefined, uri: string | null | undefined): UplResolution | null {
    if (!name && !uri) return null;
    const byUri = uri ? this.byUri.get(uri.trim()) : undefined;
    if (uri && !byUri) return { ok: false, field: 'uplUri', message: 'is not a URI from the Uniforme Productnamenlijst' };
    const byName = name ? this.byName.get(fold(name)) : undefined;
    if (name && !byName) return { ok: false, field: 'uplName', message: 'is not a name from the Uniforme Productnamenlijst' };
    if (byUri && byName && byUri !== byName) {
      return { ok: false, field: 'uplUri', message: `belongs to "${byUri.name}", not to "${byName.name}"` };
    }
    const entry = (byUri ?? byName)!;
    return { ok: true, name: entry.name, uri: entry.uri };
  }
}
