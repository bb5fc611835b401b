/**
 * One operation at a time per board for publishing, snapshots and restores, so two freezes
 * cannot both pick the next version number and a restore never interleaves with a publish.
 */
export class BoardLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `fn` once every earlier operation on `boardId` has finished. */
  run<T>(boardId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(boardId) ?? Promise.resolve();
    const result = previous.then(fn, fn);
    const tail = result.catch(() => undefined);
    this.tails.set(boardId, tail);
    void tail.then(() => {
      if (this.tails.get(boardId) === tail) this.tails.delete(boardId);
    });
    return result;
  }
}
