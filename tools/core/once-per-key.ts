/**
 * A function that runs `make(key)` once per key and hands every later caller the same promise,
 * for work a build asks for again and again (a unit's logo on every page). A promise that fails is
 * forgotten, so each caller that asks again gets its own attempt and its own error.
 */
export function oncePerKey<V>(): (key: string, make: () => Promise<V>) => Promise<V> {
  const made = new Map<string, Promise<V>>();
  return (key, make) => {
    let pending = made.get(key);
    if (!pending) {
      pending = make();
      made.set(key, pending);
      pending.catch(() => made.delete(key));
    }
    return pending;
  };
}
