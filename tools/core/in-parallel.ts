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

/**
 * Waits for every one of `work` to settle, then throws the first failure if any: unlike
 * Promise.all, nothing is still writing into a folder when the caller goes on to remove it.
 */
export async function allSettledOrThrow(work: readonly Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}
