// `npm run update-screenshots`: copies the README's screenshots from the last test runs (test-artifacts/)
// into docs/images/, to commit. Run `npm run test:vsix` first. The marketplace page loads them on every
// view, so each must stay small (at most 200 KB).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from './vscode-host.mjs';

const SIZE_LIMIT = 200 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);
/** Each README image, and the test run that takes it. */
const SCREENSHOTS = [
  { from: 'test-artifacts/vsix/workbench.png', to: 'docs/images/problems.png', takenBy: 'npm run test:vsix' },
  { from: 'test-artifacts/vscode/preview.jpg', to: 'docs/images/preview.jpg', takenBy: 'npm run test:vscode' },
  { from: 'test-artifacts/vscode/outline.jpg', to: 'docs/images/outline.jpg', takenBy: 'npm run test:vscode' },
];

let failed = false;
for (const { from, to, takenBy } of SCREENSHOTS) {
  const source = path.join(REPO, from);
  if (!fs.existsSync(source)) {
    console.error(`update-screenshots: ${from} is missing: run "${takenBy}" first`);
    failed = true;
    continue;
  }
  const image = fs.readFileSync(source);
  const isImage = image.subarray(0, 8).equals(PNG_SIGNATURE) || image.subarray(0, 3).equals(JPEG_SIGNATURE);
  if (!isImage || image.length > SIZE_LIMIT) {
    console.error(`update-screenshots: ${from} must be a PNG or JPEG of at most ${SIZE_LIMIT / 1024} KB (it is ${(image.length / 1024).toFixed(0)} KB)`);
    failed = true;
    continue;
  }
  fs.mkdirSync(path.dirname(path.join(REPO, to)), { recursive: true });
  fs.writeFileSync(path.join(REPO, to), image);
  console.log(`${to} <- ${from} (${(image.length / 1024).toFixed(0)} KB)`);
}
process.exit(failed ? 1 : 0);
