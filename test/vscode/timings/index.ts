// The start-up timing suite: scripts/test-vscode.mjs runs it in a window of its own, on the
// Connected Health Cities corpus laid over the example site's templates (a fresh extension host,
// so that activation is measured from the host's start).
import { runSuite } from '../index';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
