// ajv's validators are kept between runs as standalone code: a kept validator finds exactly what the
// compiled one finds, a damaged or foreign file is compiled again, and no folder means no caching.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import Ajv from 'ajv';
import { ValidatorCache } from '../../../server/src/schema/validator-cache';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-validators-'));
after(() => fs.rmSync(folder, { recursive: true, force: true }));

const options = { allErrors: true, verbose: true, inlineRefs: false, code: { source: true } };
const field = { $id: 'test:field/title', type: 'string', minLength: 3 };
const schema = {
  type: 'object',
  properties: { title: { $ref: 'test:field/title' }, level: { enum: ['1', '1.1'] }, tags: { type: 'array', uniqueItems: true } },
  required: ['title'],
};
const samples: unknown[] = [
  { title: 'Impact' }, { title: 'Im' }, {}, { title: 5, level: '2' }, { title: 'Ok', tags: ['a', 'a'] }, { title: 'Fine', level: '1.1', tags: ['a', 'b'] },
];

function freshAjv(): Ajv {
  return new Ajv(options).addSchema(field);
}

function findings(validate: (data: unknown) => unknown & boolean, errors: () => unknown): unknown[] {
  return samples.map((data) => ({ valid: validate(data), errors: errors() }));
}

test('a validator kept by one run is used by the next, and finds the same problems', () => {
  const ajv = freshAjv();
  const first = new ValidatorCache(() => ajv, 'signature', folder);
  assert.equal(first.cached(schema), undefined, 'nothing is kept yet');
  const compiled = first.compiled(schema, () => ajv.compile(schema));
  assert.equal(fs.readdirSync(folder).filter((name) => name.endsWith('.js')).length, 1, 'the validator was written out');

  const next = new ValidatorCache(freshAjv, 'signature', folder);
  const kept = next.cached(schema);
  assert.ok(kept, 'the next run finds it');
  assert.deepEqual(findings(kept, () => kept.errors), findings(compiled, () => compiled.errors));
  assert.equal(new ValidatorCache(freshAjv, 'another ajv', folder).cached(schema), undefined, 'another ajv version or options do not use it');
});

test('a damaged cached validator is not used: it is compiled again and written over', () => {
  const ajv = freshAjv();
  const cache = new ValidatorCache(() => ajv, 'damaged', folder);
  const other = { type: 'object', required: ['layout'] };
  cache.compiled(other, () => ajv.compile(other));
  const written = fs.readdirSync(folder).map((name) => path.join(folder, name)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  fs.writeFileSync(written, 'module.exports = require("child_process");');
  assert.equal(cache.cached(other), undefined);
  fs.writeFileSync(written, 'this is not JavaScript {');
  assert.equal(cache.cached(other), undefined);
  const again = cache.compiled(other, () => ajv.compile(other));
  assert.equal(again({}), false);
  assert.ok(cache.cached(other), 'the new one was written over the damaged file');
});

test('without a cache folder nothing is kept', () => {
  const before = fs.readdirSync(folder).length;
  const ajv = freshAjv();
  const cache = new ValidatorCache(() => ajv, 'no folder', undefined);
  const validate = cache.compiled(schema, () => ajv.compile(schema));
  assert.equal(validate({ title: 'Impact' }), true);
  assert.equal(cache.cached(schema), undefined);
  assert.equal(fs.readdirSync(folder).length, before);
});

