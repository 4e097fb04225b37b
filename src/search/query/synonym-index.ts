import type { DutchAnalyzer } from '../dutch/dutch-analyzer';

/** A synonym group member as key sequence: "driving licence" → [driving, licenc]. */
export type KeySequence = string[];

/**
 * Synonym groups analysed the same way as queries and documents, for lookup by key sequence: a query
 * word or phrase that equals any member expands to every member of its group.
 */
export class SynonymIndex {
  private readonly byFirstKey = new Map<string, { member: KeySequence; group: number }[]>();
  private readonly groups: KeySequence[][] = [];
  readonly maxLength: number;

  constructor(groups: string[][], analyzer: DutchAnalyzer) {
    let maxLength = 1;
    for (const group of groups) {
      const members = uniqueSequences(group.map((term) => memberKeys(term, analyzer)).filter((m) => m.length > 0));
      if (members.length < 2) continue;
      const index = this.groups.push(members) - 1;
      for (const member of members) {
        maxLength = Math.max(maxLength, member.length);
        const list = this.byFirstKey.get(member[0]) ?? [];
        list.push({ member, group: index });
        this.byFirstKey.set(member[0], list);
      }
    }
    this.maxLength = maxLength;
  }

  /** The longest member starting at `keys[0]` (matched against `keys`), with its group's members. */
  longestMatch(keys: string[]): { length: number; members: KeySequence[] } | null {
    let best: { length: number; members: KeySequence[] } | null = null;
    for (const { member, group } of this.byFirstKey.get(keys[0]) ?? []) {
      if (member.length > keys.length || (best && member.length <= best.length)) continue;
      if (member.every((key, i) => keys[i] === key)) best = { length: member.length, members: this.groups[group] };
    }
    return best;
  }

  /** Groups as analysed key phrases (for engines that take synonyms as settings). */
  analysedGroups(): string[][] {
    return this.groups.map((members) => members.map((m) => m.join(' ')));
  }
}

function memberKeys(term: string, analyzer: DutchAnalyzer): KeySequence {
  return analyzer
    .tokens(term)
    .filter((t) => !analyzer.isStopWord(t.word))
    .map((t) => t.key);
}

function uniqueSequences(members: KeySequence[]): KeySequence[] {
  const seen = new Set<string>();
  return members.filter((m) => {
    const id = m.join(' ');
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
