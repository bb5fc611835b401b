/**
 * A minimal external store: one value, replaced (never mutated) on change, so React's
 * `useSyncExternalStore` can compare snapshots by identity. No React here on purpose.
 */
export interface ReadableStore<T> {
  get(): T;
  subscribe(listener: () => void): () => void;
}

export interface WritableStore<T> extends ReadableStore<T> {
  set(value: T): void;
  update(fn: (value: T) => T): void;
}

/** Creates a store holding `initial`; `set` with an identical value notifies nobody. */
export function createStore<T>(initial: T): WritableStore<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  const set = (next: T): void => {
    if (Object.is(next, value)) return;
    value = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    get: () => value,
    set,
    update: (fn) => set(fn(value)),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
