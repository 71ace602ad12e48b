// markdown-it's build sets every class field of every token and parser state through oxc's
// `_defineProperty` helper, which converts each key with `toPropertyKey` (a `typeof` check for
// symbols through `_typeof`) before an `in` test: half of the time of converting a big page to HTML.
// The bundle gets the same helper with string keys taken as they are (every key markdown-it passes
// is a string literal); what it does with each key is unchanged.
import * as fs from 'node:fs';

const SLOW_HELPER = `function _defineProperty(e, r, t) {
	return (r = toPropertyKey(r)) in e ? Object.defineProperty(e, r, {
		value: t,
		enumerable: !0,
		configurable: !0,
		writable: !0
	}) : e[r] = t, e;
}`;

const FAST_HELPER = `function _defineProperty(e, r, t) {
	if (typeof r !== "string") r = toPropertyKey(r);
	if (r in e) Object.defineProperty(e, r, { value: t, enumerable: true, configurable: true, writable: true });
	else e[r] = t;
	return e;
}`;

/** Rewrites the helper in markdown-it's CommonJS build; fails the build if it is no longer there as written. */
export const fastClassFields = {
  name: 'fast-class-fields',
  setup(build) {
    build.onLoad({ filter: /[\\/]markdown-it[\\/]dist[\\/]markdown-it\.cjs\.js$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      if (!source.includes(SLOW_HELPER)) {
        throw new Error(`${args.path} no longer has the _defineProperty helper scripts/fast-class-fields.mjs rewrites: check whether the new version still needs it, then update or remove the plugin.`);
      }
      return { contents: source.replace(SLOW_HELPER, FAST_HELPER), loader: 'js' };
    });
  },
};
