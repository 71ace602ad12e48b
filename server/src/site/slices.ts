/**
 * Runs `steps` to the end, handing the event loop back whenever `sliceMs` have passed, so that a
 * server stays responsive while it works through thousands of pages.
 */
export async function runInSlices(steps: Iterable<void>, sliceMs: number): Promise<void> {
  let sliceStart = performance.now();
  for (const _ of steps) {
    if (performance.now() - sliceStart < sliceMs) continue;
    await yieldToRequests();
    sliceStart = performance.now();
  }
}

/**
 * Lets the event loop turn a few times: vscode-jsonrpc takes one turn to read a request, one to
 * answer it and one to write the answer, and a slice of work between each would triple the wait.
 */
export async function yieldToRequests(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Runs `steps` to the end at once and returns their result: for callers with no requests to answer meanwhile (the CLI). */
export function runToEnd<T>(steps: Iterator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
