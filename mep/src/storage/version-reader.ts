/**
 * The database version (see VersionedReads in store.ts) for many callers with one read. A caller may share only a
 * read made after it called: one already made may predate the caller's request and miss a commit its client has
 * seen. So callers join the next read, made from setImmediate (after the I/O callbacks that delivered their
 * requests) and only once the previous read has answered and one more turn has passed: one read at a time (a
 * PostgreSQL connection runs one query at a time), and under load each read serves all the requests that arrived
 * while the previous one was on its way, and those delivered alongside its answer.
 */
export function versionReader(read: () => string | Promise<string>): { (): Promise<string>; readonly reads: number } {
  let next: Promise<string> | undefined;
  let previous: Promise<unknown> = Promise.resolve();
  let reads = 0;
  const readAfter = () => {
    next = undefined;
    reads++;
    const answer = Promise.resolve().then(read);
    previous = answer.catch(() => undefined).then(() => new Promise((turn) => setImmediate(turn)));
    return answer;
  };
  const version = () =>
    (next ??= new Promise<string>((resolve, reject) => setImmediate(() => previous.then(readAfter).then(resolve, reject))));
  return Object.defineProperty(version, "reads", { get: () => reads }) as { (): Promise<string>; readonly reads: number };
}
