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

/**
 * A bounded memo per owner (say, per analyzer: what it computed for one text holds only for it):
 * `compute` runs once per owner and key while the key is kept.
 */
export function memoPerOwner<O extends object, V>(max: number): (owner: O, key: string, compute: () => V) => V {
  const memos = new WeakMap<O, BoundedMap<string, V>>();
  return (owner, key, compute) => {
    let memo = memos.get(owner);
    if (!memo) memos.set(owner, (memo = new BoundedMap(max)));
    let value = memo.get(key);
    if (value === undefined) memo.set(key, (value = compute()));
    return value;
  };
}
