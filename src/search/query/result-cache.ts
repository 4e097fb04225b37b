/**
 * A small LRU of search results, each remembered with the index generation it was computed at:
 * any write to the index makes older entries stale. Agents ask the same things (a wave of calls
 * about the same letter, the keystrokes of the same words), so most answers come from here.
 */
export class ResultCache<T> {
  private readonly entries = new Map<string, { generation: string; at: number; value: T }>();

  constructor(
    private readonly capacity: number,
    private readonly ttlMs: number,
  ) {}

  get(key: string, generation: string, now = Date.now()): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.generation !== generation || now - entry.at > this.ttlMs) return undefined;
    this.entries.set(key, entry); // most recently used last
    return entry.value;
  }

  set(key: string, generation: string, value: T, now = Date.now()): void {
    if (this.capacity <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { generation, at: now, value });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}
