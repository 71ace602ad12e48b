// The extension-host test runner: @vscode/test-electron and the offline code-server host
// (scripts/test-vscode.mjs) both load this module inside the real extension host and await run().
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  return runSuite(__dirname);
}

/** Runs the `*.test.js` files of `folder` (not of its sub-folders, which are suites of their own). */
export function runSuite(folder: string): Promise<void> {
  // The reporters print through Base.consoleLog with printf-style arguments; the web extension host
  // forwards console arguments unformatted, so format them here (same output in both hosts).
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  // JEKYLL_AUTHOR_VSCODE_GREP runs only the tests whose titles match it (while working on one suite).
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec', grep: process.env.JEKYLL_AUTHOR_VSCODE_GREP || undefined });
  const files = fs.readdirSync(folder).filter((name) => name.endsWith('.test.js')).sort();
  for (const name of files) mocha.addFile(path.join(folder, name));
  console.log(`vscode: running ${files.length} test file(s) in the extension host`);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const { passes = 0, failures: failed = 0, pending = 0 } = runner.stats ?? {};
        // A plain closing line for CI (mocha's own "N passing" is not one it reads).
        console.log(`vscode: ${passes} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
        // A moment for the offline host to take its screenshot while the diagnostics are still shown.
        const settle = (done: () => void) => setTimeout(done, 750);
        if (failures > 0) settle(() => reject(new Error(`${failures} extension-host test(s) failed.`)));
        else if (passes === 0) reject(new Error(`No extension-host test ran (files: ${files.join(', ') || 'none'}).`));
        else settle(resolve);
      });
    } catch (error) {
      reject(error);
    }
  });
}
