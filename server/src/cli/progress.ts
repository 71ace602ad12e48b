/** Sites with more files than this show a progress line while they are checked (on a terminal only). */
export const PROGRESS_THRESHOLD = 300;

export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

const SILENT: Progress = { update: () => undefined, done: () => undefined };

/**
 * A line on standard error, rewritten in place ("Checking 120/900 files…") and erased at the end, so
 * that a long check on a terminal shows it is alive; nothing when standard error is a pipe or a log.
 */
export function terminalProgress(stream: NodeJS.WriteStream, total: number): Progress {
  if (!stream.isTTY || total <= PROGRESS_THRESHOLD) return SILENT;
  let lastPercent = -1;
  let shown = false;
  return {
    update(done, all) {
      const percent = Math.floor((done / all) * 100);
      if (percent === lastPercent) return;
      lastPercent = percent;
      shown = true;
      stream.write(`\rChecking ${done}/${all} files (${percent}%)…`);
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
