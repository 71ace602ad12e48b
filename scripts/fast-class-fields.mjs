// markdown-it's build sets every class field of every token and parser state through oxc's
// `_defineProperty` helper: one shared function that converts each key with `toPropertyKey` (a
// `typeof` check for symbols through `_typeof`), tests it with `in`, then stores it by a computed key,
// a lookup V8 cannot specialise as every class goes through it. That was half of the time of
// converting a big page to HTML. In the bundle, a field of `this` is set by a plain assignment (what
// TypeScript emits without `useDefineForClassFields`: markdown-it's classes have no accessors those
// fields could run into), and the helper, still called for static fields, takes string keys as they are.
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

/** `_defineProperty(this, /* doc comment *\/ "name", value)`: the opening of a field's definition, up to its value. */
const THIS_FIELD = /_defineProperty\(\s*this,\s*(?:\/\*[\s\S]*?\*\/\s*)?"([A-Za-z_$][\w$]*)",\s*/g;

/** Rewrites markdown-it's CommonJS build; fails the build if its helper is no longer there as written. */
export const fastClassFields = {
  name: 'fast-class-fields',
  setup(build) {
    build.onLoad({ filter: /[\\/]markdown-it[\\/]dist[\\/]markdown-it\.cjs\.js$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      if (!source.includes(SLOW_HELPER)) {
        throw new Error(`${args.path} no longer has the _defineProperty helper scripts/fast-class-fields.mjs rewrites: check whether the new version still needs it, then update or remove the plugin.`);
      }
      // The call's own closing parenthesis closes the value: `this.map = (null);`.
      const contents = source.replace(SLOW_HELPER, FAST_HELPER).replace(THIS_FIELD, (_, name) => `this.${name} = (`);
      return { contents, loader: 'js' };
    });
  },
};
