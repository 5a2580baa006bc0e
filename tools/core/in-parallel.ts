/**
 * Runs `work` on every item, at most `limit` at a time, in the items' order; resolves when all
 * have settled. `work` reports its own failures: one that throws stops nothing else, and the first
 * such error is thrown at the end.
 */
export async function eachInParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  const errors: unknown[] = [];
  await Promise.all(
    Array.from({ length: Math.min(Math.max(1, limit), queue.length) }, async () => {
      while (queue.length) await work(queue.shift()!).catch((e: unknown) => errors.push(e));
    }),
  );
  if (errors.length) throw errors[0];
}
