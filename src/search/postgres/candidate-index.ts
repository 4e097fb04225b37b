import type { SearchFilters } from '../search-engine';
import type { GroupTerms } from './tsquery';

/** Where a document holds a term: the weight classes of `vector` (title A, phrasings B, summary C, body D) and KCC notes. */
const W_A = 1;
const W_B = 2;
const W_C = 4;
const W_D = 8;
const KCC = 16;

/**
 * What a document's hold on a term (or on every key of an alternative) satisfies, as bits that AND
 * over the keys of an alternative and OR over alternatives:
 * - IN_TITLE: `title_vector @@ 'k:AB'` (title or phrasings of the need);
 * - IN_NARROW: `title_vector @@ 'k'` (title, phrasings or summary);
 * - IN_VECTOR: `vector @@ 'k'` (anywhere in the article);
 * - IN_KCC: `kcc_vector @@ 'k'`;
 * - IN_EITHER: `(vector || kcc_vector) @@ 'k'`.
 */
const IN_TITLE = 1;
const IN_NARROW = 2;
const IN_VECTOR = 4;
const IN_KCC = 8;
const IN_EITHER = 16;

function satisfies(hold: number, staff: boolean): number {
  const kcc = staff && hold & KCC ? IN_KCC | IN_EITHER : 0;
  if (!(hold & (W_A | W_B | W_C | W_D))) return kcc;
  return (hold & (W_A | W_B) ? IN_TITLE : 0) | (hold & (W_A | W_B | W_C) ? IN_NARROW : 0) | IN_VECTOR | IN_EITHER | kcc;
}

/** A group as the candidate index scores it: what it matches, and its weight at each level in 1/10,000ths. */
export interface CandidateGroup {
  terms: GroupTerms;
  looseKeys: string[];
  /** title/phrasings, summary, body and compound-head points, each `(level × weight).toFixed(4)` × 10,000 */
  points: { title: number; summary: number; body: number; loose: number };
}

export interface CandidateQuery {
  groups: CandidateGroup[];
  /** the groups (indexes into `groups`) that may widen the match set: the rare ones */
  widening: number[];
  /** widen from "every group" to "any group" when fewer documents than this have every group */
  widenBelow: number;
  staff: boolean;
  filters: SearchFilters;
  /** how many of the best candidates to return, in order */
  depth: number;
}

export interface Candidate {
  id: string;
  /** coverage in 1/10,000ths */
  points: number;
}

export interface CandidateResult {
  total: number;
  best: Candidate[];
  facets: {
    kind: Record<string, number>;
    department: Record<string, number>;
    audience: Record<string, number>;
    themes: Record<string, number>;
    lifeEvents: Record<string, number>;
    targetGroups: Record<string, number>;
  };
}

/** A document as the index keeps it: what filters, facets and ties need, and its terms with their holds. */
export interface CandidateDocument {
  id: string;
  indexedAt: string;
  title: string;
  kind: string;
  audience: string;
  departmentSlug: string;
  themes: string[];
  lifeEvents: string[];
  targetGroups: string[];
  terms: Map<string, number>;
}

/** What the index keeps of a document beyond its postings and facet combination. */
type StoredDocument = Pick<CandidateDocument, 'id' | 'indexedAt' | 'title'>;

/** A distinct combination of facet values: a collection has a few dozen, so facets are counted per combination. */
interface FacetCombination {
  kind: string;
  department: string;
  audience: string;
  themes: string[];
  lifeEvents: string[];
  targetGroups: string[];
}

class Postings {
  slots = new Int32Array(4);
  holds = new Uint8Array(4);
  length = 0;

  push(slot: number, hold: number): void {
    if (this.length === this.slots.length) {
      const slots = new Int32Array(this.length * 2);
      slots.set(this.slots);
      this.slots = slots;
      const holds = new Uint8Array(this.length * 2);
      holds.set(this.holds);
      this.holds = holds;
    }
    this.slots[this.length] = slot;
    this.holds[this.length++] = hold;
  }
}

/** Scratch for one group's evaluation: per slot what it satisfies, and which slots it touched. */
class GroupScratch {
  sat = new Uint8Array(0);
  loose = new Uint8Array(0);
  /** the touched slots are touched[0 .. count) */
  touched = new Int32Array(0);
  count = 0;

  reset(capacity: number): void {
    if (this.sat.length < capacity) {
      this.sat = new Uint8Array(capacity * 2);
      this.loose = new Uint8Array(capacity * 2);
      this.touched = new Int32Array(capacity * 2);
    } else for (let i = 0; i < this.count; i++) this.sat[this.touched[i]] = this.loose[this.touched[i]] = 0;
    this.count = 0;
  }

  mark(slot: number, bits: number): void {
    if (bits === 0) return;
    if (this.sat[slot] === 0 && this.loose[slot] === 0) this.touched[this.count++] = slot;
    this.sat[slot] |= bits;
  }

  markLoose(slot: number, bits: number): void {
    if (bits === 0) return;
    if (this.sat[slot] === 0 && this.loose[slot] === 0) this.touched[this.count++] = slot;
    this.loose[slot] |= bits;
  }
}

/**
 * The match set of a query, held in memory per API process: terms → postings (each document's slot
 * and where it holds the term), plus what filters, facets and ties need. It answers what the search
 * statement used to compute per candidate in PostgreSQL (retrieval: every group, widened to any
 * rare group; coverage points by where each group matched; counts and facets over the whole match
 * set) with the same rules, and hands the best candidates to PostgreSQL, which re-ranks them with
 * ts_rank and reads the page. It mirrors `search_documents` (see PostgresCandidateSource for how it
 * is kept current); it never decides what is indexed.
 */
export class CandidateIndex {
  private readonly postings = new Map<string, Postings>();
  /** every term, sorted (code point order), for prefixes; null while unsorted */
  private sorted: string[] | null = [];
  private documents: (StoredDocument | null)[] = [];
  /** per slot, its facet combination */
  private combinationOf = new Int32Array(1024);
  private readonly combinations: FacetCombination[] = [];
  private readonly combinationIds = new Map<string, number>();
  private combinationCounts = new Int32Array(0);
  private readonly slotOf = new Map<string, number>();
  private dead = 0;
  private readonly scratch: GroupScratch[] = [];
  private alternativeSat = new Uint8Array(0);
  private alternativeSeen = new Int32Array(0);
  private alternativeStamp = 0;
  /** a search's match set: slots and their points, [0 .. matched) */
  private matchedSlots = new Int32Array(0);
  private matchedPoints = new Float64Array(0);
  private inMatch = new Uint8Array(0);

  get size(): number {
    return this.slotOf.size;
  }

  indexedAt(id: string): string | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.documents[slot]!.indexedAt;
  }

  ids(): IterableIterator<string> {
    return this.slotOf.keys();
  }

  /** Adds or replaces documents (a replaced one leaves a dead slot behind, compacted now and then). */
  put(documents: CandidateDocument[]): void {
    // A bulk load sorts the terms once, when a prefix first needs them; a few new terms are inserted.
    if (documents.length > 50) this.sorted = null;
    for (const document of documents) {
      this.remove([document.id]);
      const slot = this.documents.length;
      this.documents.push(document);
      this.slotOf.set(document.id, slot);
      this.setCombination(slot, document);
      for (const [term, hold] of document.terms) {
        let list = this.postings.get(term);
        if (!list) {
          list = new Postings();
          this.postings.set(term, list);
          this.addTerm(term);
        }
        list.push(slot, hold);
      }
      // The terms live on in the postings, filters and facets in the combination: the document keeps
      // only what ties and updates need.
      this.documents[slot] = { id: document.id, indexedAt: document.indexedAt, title: document.title };
    }
    this.compactIfWasteful();
  }

  remove(ids: string[]): void {
    for (const id of ids) {
      const slot = this.slotOf.get(id);
      if (slot === undefined) continue;
      this.slotOf.delete(id);
      this.documents[slot] = null;
      this.dead++;
    }
  }

  search(query: CandidateQuery): CandidateResult {
    const capacity = this.documents.length;
    const groups = query.groups.map((group, i) => this.evaluate(group, i, capacity, query.staff));
    const passes = this.filter(query);
    if (this.matchedSlots.length < capacity) {
      this.matchedSlots = new Int32Array(capacity * 2);
      this.matchedPoints = new Float64Array(capacity * 2);
      this.inMatch = new Uint8Array(capacity * 2);
    }
    const slots = this.matchedSlots;
    const points = this.matchedPoints;
    let matched = 0;
    // A slot's points, per group by where it matched. In the every-group set each group matched
    // somewhere (IN_EITHER), so a group not in the title or summary counts as body there.
    const coverage = (slot: number) => {
      let sum = 0;
      for (let g = 0; g < groups.length; g++) {
        const sat = groups[g].sat[slot];
        const p = query.groups[g].points;
        sum +=
          sat & IN_TITLE
            ? p.title
            : sat & IN_NARROW
              ? p.summary
              : sat & IN_EITHER
                ? p.body
                : groups[g].loose[slot] & IN_EITHER
                  ? p.loose
                  : 0;
      }
      return sum;
    };

    // Every group: in the article's vector, or (staff) every group in the KCC notes.
    const smallest = groups.reduce((a, b) => (b.count < a.count ? b : a));
    for (let i = 0; i < smallest.count; i++) {
      const slot = smallest.touched[i];
      let inVector = true;
      let inKcc = query.staff;
      for (const g of groups) {
        const sat = g.sat[slot];
        inVector &&= (sat & IN_VECTOR) !== 0;
        inKcc &&= (sat & IN_KCC) !== 0;
      }
      if (!(inVector || inKcc) || !passes(slot)) continue;
      slots[matched] = slot;
      points[matched++] = coverage(slot);
    }

    if (matched < query.widenBelow) {
      for (let i = 0; i < matched; i++) this.inMatch[slots[i]] = 1;
      const anyBits = query.staff ? IN_VECTOR | IN_KCC : IN_VECTOR;
      for (const w of query.widening) {
        const group = groups[w];
        for (let i = 0; i < group.count; i++) {
          const slot = group.touched[i];
          if (this.inMatch[slot] || !(group.sat[slot] & anyBits || group.loose[slot] & anyBits) || !passes(slot)) continue;
          this.inMatch[slot] = 1;
          slots[matched] = slot;
          points[matched++] = coverage(slot);
        }
      }
      for (let i = 0; i < matched; i++) this.inMatch[slots[i]] = 0;
    }

    return { total: matched, best: this.best(slots, points, matched, query.depth), facets: this.facets(slots, matched) };
  }

  /** What each slot satisfies for one group (OR over alternatives, each an AND over its keys). */
  private evaluate(group: CandidateGroup, index: number, capacity: number, staff: boolean): GroupScratch {
    const scratch = (this.scratch[index] ??= new GroupScratch());
    scratch.reset(capacity);
    const each = (term: string, mark: (slot: number, bits: number) => void) => {
      const list = this.postings.get(term);
      if (list) for (let i = 0; i < list.length; i++) mark(list.slots[i], satisfies(list.holds[i], staff));
    };
    const mark = (slot: number, bits: number) => scratch.mark(slot, bits);
    for (const alternative of group.terms.alternatives) {
      if (alternative.length === 1) each(alternative[0], mark);
      else this.evaluateConjunction(alternative, capacity, staff, mark);
    }
    if (group.terms.prefix) for (const term of this.withPrefix(group.terms.prefix)) each(term, mark);
    for (const key of group.looseKeys) each(key, (slot, bits) => scratch.markLoose(slot, bits));
    return scratch;
  }

  /** Slots holding every key of `keys`, with the AND of what each hold satisfies. */
  private evaluateConjunction(keys: string[], capacity: number, staff: boolean, emit: (slot: number, bits: number) => void): void {
    if (this.alternativeSat.length < capacity) {
      this.alternativeSat = new Uint8Array(capacity * 2);
      this.alternativeSeen = new Int32Array(capacity * 2);
      this.alternativeStamp = 0;
    }
    const lists = keys.map((k) => this.postings.get(k));
    if (lists.some((l) => !l)) return;
    const base = this.alternativeStamp;
    for (let k = 0; k < lists.length; k++) {
      const list = lists[k]!;
      for (let i = 0; i < list.length; i++) {
        const slot = list.slots[i];
        const bits = satisfies(list.holds[i], staff);
        if (k === 0) {
          this.alternativeSeen[slot] = base + 1;
          this.alternativeSat[slot] = bits;
        } else if (this.alternativeSeen[slot] === base + k) {
          this.alternativeSeen[slot] = base + k + 1;
          this.alternativeSat[slot] &= bits;
        }
      }
    }
    const last = lists[lists.length - 1]!;
    for (let i = 0; i < last.length; i++) {
      const slot = last.slots[i];
      if (this.alternativeSeen[slot] === base + lists.length && this.alternativeSat[slot]) emit(slot, this.alternativeSat[slot]);
    }
    this.alternativeStamp = base + lists.length + 1;
  }

  /** Whether a slot passes the query's scope and filters: decided once per facet combination. */
  private filter(query: CandidateQuery): (slot: number) => boolean {
    const f = query.filters;
    const passes = this.combinations.map(
      (c) =>
        (query.staff || c.audience === 'public') &&
        (!f.audience || c.audience === f.audience) &&
        (!f.kind || c.kind === f.kind) &&
        (!f.department || c.department === f.department) &&
        (!f.theme || c.themes.includes(f.theme)) &&
        (!f.lifeEvent || c.lifeEvents.includes(f.lifeEvent)) &&
        (!f.targetGroup || c.targetGroups.includes(f.targetGroup)),
    );
    return (slot) => this.documents[slot] !== null && passes[this.combinationOf[slot]];
  }

  /** The `depth` best by points, then title (code point order, as `COLLATE "C"`), then id. */
  private best(slots: Int32Array, points: Float64Array, n: number, depth: number): Candidate[] {
    const ties = (a: number, b: number) => {
      const x = this.documents[slots[a]]!;
      const y = this.documents[slots[b]]!;
      return x.title < y.title ? -1 : x.title > y.title ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
    };
    const order = (a: number, b: number) => (points[a] !== points[b] ? points[b] - points[a] : ties(a, b));
    const candidate = (i: number) => ({ id: this.documents[slots[i]]!.id, points: points[i] });
    if (depth > 64) {
      const all = Array.from({ length: n }, (_, i) => i).sort(order);
      return all.slice(0, depth).map(candidate);
    }
    // A bounded selection: the match set may be the whole collection, the page is a few dozen.
    const kept: number[] = [];
    for (let i = 0; i < n; i++) {
      if (kept.length === depth) {
        // Most candidates lose on points alone, without a title comparison.
        const last = kept[depth - 1];
        if (points[i] < points[last] || (points[i] === points[last] && ties(i, last) >= 0)) continue;
      }
      let at = kept.length === depth ? depth - 1 : kept.length;
      if (kept.length < depth) kept.push(i);
      while (at > 0 && order(i, kept[at - 1]) < 0) {
        kept[at] = kept[at - 1];
        at--;
      }
      kept[at] = i;
    }
    return kept.map(candidate);
  }

  private facets(slots: Int32Array, n: number): CandidateResult['facets'] {
    if (this.combinationCounts.length < this.combinations.length) this.combinationCounts = new Int32Array(this.combinations.length * 2);
    const counts = this.combinationCounts;
    const seen: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = this.combinationOf[slots[i]];
      if (counts[c]++ === 0) seen.push(c);
    }
    const facets: CandidateResult['facets'] = { kind: {}, department: {}, audience: {}, themes: {}, lifeEvents: {}, targetGroups: {} };
    const add = (into: Record<string, number>, key: string, n: number) => (into[key] = (into[key] ?? 0) + n);
    for (const c of seen) {
      const n = counts[c];
      counts[c] = 0;
      const f = this.combinations[c];
      add(facets.kind, f.kind, n);
      add(facets.department, f.department, n);
      add(facets.audience, f.audience, n);
      for (const t of f.themes) add(facets.themes, t, n);
      for (const t of f.lifeEvents) add(facets.lifeEvents, t, n);
      for (const t of f.targetGroups) add(facets.targetGroups, t, n);
    }
    return facets;
  }

  private setCombination(slot: number, d: CandidateDocument): void {
    const f: FacetCombination = {
      kind: d.kind,
      department: d.departmentSlug,
      audience: d.audience,
      themes: d.themes,
      lifeEvents: d.lifeEvents,
      targetGroups: d.targetGroups,
    };
    const key = JSON.stringify(f);
    let id = this.combinationIds.get(key);
    if (id === undefined) {
      id = this.combinations.push(f) - 1;
      this.combinationIds.set(key, id);
    }
    if (slot >= this.combinationOf.length) {
      const grown = new Int32Array(Math.max(slot + 1, this.combinationOf.length * 2));
      grown.set(this.combinationOf);
      this.combinationOf = grown;
    }
    this.combinationOf[slot] = id;
  }

  private addTerm(term: string): void {
    if (this.sorted) this.sorted.splice(lowerBound(this.sorted, term), 0, term);
  }

  private *withPrefix(prefix: string): Generator<string> {
    const sorted = (this.sorted ??= [...this.postings.keys()].sort());
    for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i].startsWith(prefix); i++) yield sorted[i];
  }

  /** Rewrites slots and postings without the dead ones once they are a third of all slots. */
  private compactIfWasteful(): void {
    if (this.dead < 1_000 || this.dead * 3 < this.documents.length) return;
    const moved = new Int32Array(this.documents.length).fill(-1);
    const documents: StoredDocument[] = [];
    const combinationOf = new Int32Array(this.combinationOf.length);
    this.documents.forEach((d, slot) => {
      if (!d) return;
      moved[slot] = documents.length;
      combinationOf[documents.length] = this.combinationOf[slot];
      this.slotOf.set(d.id, documents.length);
      documents.push(d);
    });
    this.combinationOf = combinationOf;
    for (const [term, list] of this.postings) {
      const next = new Postings();
      for (let i = 0; i < list.length; i++) if (moved[list.slots[i]] >= 0) next.push(moved[list.slots[i]], list.holds[i]);
      if (next.length) this.postings.set(term, next);
      else {
        this.postings.delete(term);
        this.sorted = null;
      }
    }
    this.documents = documents;
    this.dead = 0;
  }
}

/** The first index of `sorted` whose term is not before `key`. */
function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The terms of a stored tsvector (its text form: `'term':1A,5,9B 'other':3`) with where they occur,
 * merged into `into`: a position's weight letter (none is D), or KCC for the notes' vector.
 */
export function readTsvector(text: string, kcc: boolean, into: Map<string, number>): void {
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "'") {
      i++;
      continue;
    }
    let term = '';
    i++;
    for (;;) {
      const c = text[i];
      if (c === "'") {
        if (text[i + 1] === "'") {
          term += "'";
          i += 2;
          continue;
        }
        i++;
        break;
      }
      if (c === '\\') {
        term += text[i + 1];
        i += 2;
        continue;
      }
      term += c;
      i++;
    }
    let hold = 0;
    if (kcc) hold = KCC;
    else if (text[i] !== ':') hold = W_D;
    else {
      i++;
      while (i < text.length && text[i] !== ' ') {
        const c = text.charCodeAt(i);
        if (c >= 48 && c <= 57) {
          // a position: its weight letter (if any) follows the digits
          while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
          const w = text[i];
          hold |= w === 'A' ? W_A : w === 'B' ? W_B : w === 'C' ? W_C : W_D;
          if (w === 'A' || w === 'B' || w === 'C' || w === 'D') i++;
        } else i++;
      }
    }
    into.set(term, (into.get(term) ?? 0) | hold);
  }
}
