/**
 * A Map that forgets its oldest entry once it holds `max`: for memos on hot paths whose keys come
 * from traffic (tokens, query strings, words), so memory stays bounded whatever arrives.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    // Insertion order is age: the first key is the oldest.
    if (this.size >= this.max && !this.has(key)) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}
