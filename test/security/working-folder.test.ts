// A repository with the site in `docs/`: the CLI run from the repository (the working folder a
// parent of the site), a page naming `.git/config` or `/etc/hostname` in liquidjs's own
// `{% render %}` / `{% layout %}` tags, or a schema file linked to a file outside the site. Jekyll
// has no such tags (the build stops), and nothing outside the site may be read or shown.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';

const CLI = path.resolve(__dirname, '../../../bin/jekyll-author');
const SECRET = 'extraheader = AUTHORIZATION: basic SECRET-TOKEN';
const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-repo-'));
after(() => fs.rmSync(repo, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [relPath, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(repo, relPath)), { recursive: true });
    fs.writeFileSync(path.join(repo, relPath), text);
  }
}

function run(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: repo, encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

write({
  '.git/config': `[http]\n\t${SECRET}\n`,
  'outside.json': '{ "common": { "required": ["SECRET-TOKEN"] } }',
  'docs/_config.yml': 'title: Docs\n',
  'docs/_includes/note.html': '<p>note</p>',
  'docs/render-git.md': '---\nlayout: none\n---\nA {% render .git/config %} B\n',
  'docs/render-quoted.md': '---\nlayout: none\n---\nA {% render "../.git/config" %} {% render "note.html" %} B\n',
  'docs/render-absolute.md': `---\nlayout: none\n---\nA {% render "${path.join(repo, '.git/config')}" %} B\n`,
  'docs/layout-tag.md': '---\nlayout: none\n---\n{% layout ".git/config" %}A {% block x %}{% endblock %} B\n',
});

for (const page of ['render-git', 'render-quoted', 'render-absolute', 'layout-tag']) {
  test(`render docs/${page}.md from the repository: nothing of .git/config, and a problem on the tag`, () => {
    const { status, output } = run(['render', `docs/${page}.md`]);
    assert.ok(!output.includes('SECRET-TOKEN'), output);
    assert.ok(!output.includes('[http]'), output);
    assert.match(output, /A\s.*B/s, 'the rest of the page renders');
    assert.match(output, page === 'layout-tag' ? /Jekyll has no tag `layout`/ : /Jekyll does not allow `\{% render %\}`/, output);
    assert.ok(status !== null && status <= 1, output);
  });
}

test('a schema file linked to a JSON file outside the site is not followed: said on the link, not adopted, nothing shown', () => {
  fs.symlinkSync(path.join(repo, 'outside.json'), path.join(repo, 'docs', '_jekyll-author.schema.json'));
  try {
    const { output } = run(['check', '--root', 'docs', '--format', 'json']);
    assert.ok(!output.includes('SECRET-TOKEN'), output);
    assert.match(output, /outside the site folder/, output);
  } finally {
    fs.rmSync(path.join(repo, 'docs', '_jekyll-author.schema.json'));
  }
});

test('a schema file linked to /etc/passwd: its text never shows in a diagnostic', () => {
  fs.symlinkSync('/etc/passwd', path.join(repo, 'docs', '_jekyll-author.schema.json'));
  try {
    const { output } = run(['check', '--root', 'docs', '--format', 'json']);
    assert.ok(!output.includes('root:'), output);
    assert.match(output, /outside the site folder/, output);
  } finally {
    fs.rmSync(path.join(repo, 'docs', '_jekyll-author.schema.json'));
  }
});
