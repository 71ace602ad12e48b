// The start-up timing suite: scripts/test-vscode.mjs runs it in a window of its own, on the
// Connected Health Cities corpus laid over the example site's templates (a fresh extension host,
// so that activation is measured from the host's start).
import * as fs from 'node:fs';
import { Session } from 'node:inspector';
import * as path from 'node:path';
import { runSuite } from '../index';

/**
 * Set by `scripts/test-vscode.mjs --cpu-profile DIR`: a folder for a CPU profile of the extension host
 * over the suite (the language server writes its own there), to see what else holds the host's event
 * loop, which carries every message of the server to the editor.
 */
const PROFILE_FOLDER = process.env.JEKYLL_AUTHOR_HOST_CPU_PROFILE;

export async function run(): Promise<void> {
  if (!PROFILE_FOLDER) return runSuite(__dirname);
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) => new Promise<T>((resolve, reject) => {
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T)));
  });
  await post('Profiler.enable');
  await post('Profiler.start');
  console.log(`  [timing] profiling the extension host from ${Math.round(performance.now())} ms after it started`);
  try {
    await runSuite(__dirname);
  } finally {
    const { profile } = await post<{ profile: unknown }>('Profiler.stop');
    fs.mkdirSync(PROFILE_FOLDER, { recursive: true });
    fs.writeFileSync(path.join(PROFILE_FOLDER, `extension-host-${process.pid}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
