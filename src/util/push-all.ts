// `to.push(...items)` passes every item as an argument: past about 100,000 items (a hostile
// Dockerfile, lockfile or package database gets there) it overflows the stack.

/** Appends every item to `to`, in order. */
export function pushAll<T>(to: T[], items: Iterable<T>): void {
  for (const x of items) to.push(x);
}
