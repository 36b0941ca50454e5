/**
 * A lookup or request made once per key for the life of the returned function: the first call's promise is shared
 * by every later call with the same key (what a run asks the server once however many records need it).
 */
export function oncePerKey<A, V>(keyOf: (arg: A) => string, compute: (arg: A) => Promise<V>): (arg: A) => Promise<V> {
  const made = new Map<string, Promise<V>>();
  return (arg) => {
    const key = keyOf(arg);
    let found = made.get(key);
    if (!found) {
      found = compute(arg);
      made.set(key, found);
    }
    return found;
  };
}

/** oncePerKey for a string that is its own key. */
export const oncePerName = <V>(compute: (name: string) => Promise<V>): ((name: string) => Promise<V>) => oncePerKey((name: string) => name, compute);
