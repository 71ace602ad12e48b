/**
 * Every change of state runs in this queue, one at a time, in the order the client sent them, so
 * that a request sees every edit sent before it and no two changes interleave.
 */
export class WorkQueue {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;

  constructor(private readonly reportFailure: (message: string) => void) {}

  /** How many pieces of work wait for the one running: a long one lets them go first. */
  get waiting(): number {
    return this.queued;
  }

  /** Runs `work` after everything queued before it; a failure is reported, never thrown. */
  enqueue(what: string, work: () => void | Promise<void>): Promise<void> {
    this.queued++;
    const start = () => {
      this.queued--;
      return work();
    };
    this.tail = this.tail.then(start).catch((error) => this.reportFailure(`${what} failed: ${describeError(error)}`));
    return this.tail;
  }
}

/** An error as a log line: its stack when it has one. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}
