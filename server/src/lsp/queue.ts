/**
 * Every change of state runs in this queue, one at a time, in the order the client sent them, so
 * that a request sees every edit sent before it and no two changes interleave.
 */
export class WorkQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly reportFailure: (message: string) => void) {}

  /** Runs `work` after everything queued before it; a failure is reported, never thrown. */
  enqueue(what: string, work: () => void | Promise<void>): Promise<void> {
    this.tail = this.tail.then(work).catch((error) => this.reportFailure(`${what} failed: ${describeError(error)}`));
    return this.tail;
  }
}

/** An error as a log line: its stack when it has one. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}
