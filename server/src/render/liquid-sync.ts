/**
 * liquidjs's `renderTemplates`, for the commonest templates without its generators.
 *
 * liquidjs renders a synchronous template through generators: each `{{ page.title }}` makes about
 * eight (the output, its value, the expression, the token, the property access, the scope lookup,
 * the filter) that its `toValueSync` steps through, and on a page of tags that stepping was half of
 * the Liquid time. Text, `{{ }}` and `{% if %}` are rendered here by plain calls that do what those
 * generators do, in the same order, with the same errors; every other tag renders as liquidjs
 * renders it. The output is the same (big-page.test.ts renders each case both ways).
 */
import {
  Context, Drop, Expression, IfTag, Liquid, LiquidError, Output, RenderError, Template, TypeGuards,
  UndefinedVariableError, Value, evalToken, isTruthy, toValueSync,
} from 'liquidjs';

type Token = Expression['postfix'][number];
type PropertyAccess = Token & { variable?: Token; props: Token[] };
/** What liquidjs's `Filter` holds (its handler is private in the typings). */
interface Filter {
  name: string;
  args: unknown[];
  token: unknown;
  liquid: Liquid;
  handler: (...args: unknown[]) => unknown;
  render(value: unknown, ctx: Context): unknown;
}
/** The context's scope lookup (private in the typings). */
type Scopes = { findScope(key: string | number): object; readProperty(scope: object, key: string | number): unknown };
type Branch = { value: Value; templates: Template[] };

/** liquidjs's `SimpleEmitter.write` (through its `stringify`): what `{{ }}` and text add to the output. */
class TextEmitter {
  buffer = '';

  write(html: unknown): void {
    this.buffer += stringify(html);
  }
}

function stringify(value: unknown): string {
  const plain = value instanceof Drop ? value.valueOf() : value;
  if (typeof plain === 'string') return plain;
  if (plain === null || plain === undefined) return '';
  if (Array.isArray(plain)) return plain.map(stringify).join('');
  return String(plain);
}

/** `toValueSync(liquid.renderer.renderTemplates(templates, ctx))`: the templates' output as one string. */
export function renderTemplatesSync(liquid: Liquid, templates: Template[], ctx: Context): string {
  // Options under which the generators do more than this module copies: render through them.
  if (ctx.opts.keepOutputType || ctx.opts.catchAllErrors || ctx.strictVariables || ctx.opts.jsTruthy) {
    return toValueSync(liquid.renderer.renderTemplates(templates, ctx)) as string;
  }
  textTemplate ??= liquid.parse('text')[0].constructor;
  const emitter = new TextEmitter();
  renderInto(liquid, templates, ctx, emitter);
  return emitter.buffer;
}

/** liquidjs does not export its text template's class (one for every engine): the template of a plain text is one. */
let textTemplate: unknown;

/** `renderTemplates(templates, ctx, emitter)`: the time limit checked before each template, errors tied to their template. */
function renderInto(liquid: Liquid, templates: Template[], ctx: Context, emitter: TextEmitter): void {
  ctx.renderLimit.check(performance.now());
  for (const template of templates) {
    ctx.renderLimit.check(performance.now());
    try {
      const kind = template.constructor;
      if (kind === textTemplate) emitter.write((template as unknown as { str: string }).str);
      else if (kind === Output) renderOutput(template as Output, ctx, emitter);
      else if (kind === IfTag) renderIf(liquid, template as IfTag, ctx, emitter);
      else {
        const text = toValueSync(template.render(ctx, emitter as never));
        if (text) emitter.write(text);
      }
      if (ctx.breakCalled || ctx.continueCalled) break;
    } catch (error) {
      throw LiquidError.is(error) ? error : new RenderError(error as Error, template);
    }
  }
}

/** `Output.render`: the value, through its filters (the last prints it the Ruby way), written out. */
function renderOutput(output: Output, ctx: Context, emitter: TextEmitter): void {
  emitter.write(toValueSync(plain(valueOf(output.value, ctx, false))));
}

/** `IfTag.render`: the first branch whose value is truthy, else the `else` templates. */
function renderIf(liquid: Liquid, tag: IfTag, ctx: Context, emitter: TextEmitter): void {
  const { branches, elseTemplates } = tag as unknown as { branches: Branch[]; elseTemplates?: Template[] };
  for (const { value, templates } of branches) {
    if (isTruthy(toValueSync(plain(valueOf(value, ctx, ctx.opts.lenientIf))), ctx)) {
      renderInto(liquid, templates, ctx, emitter);
      return;
    }
  }
  renderInto(liquid, elseTemplates ?? [], ctx, emitter);
}

/** liquidjs's `toValue`: a drop stands for what its `valueOf` gives. */
function plain(value: unknown): unknown {
  return value instanceof Drop && typeof value.valueOf === 'function' ? value.valueOf() : value;
}

/** `Value.value`: the expression, then each filter in turn. */
function valueOf(value: Value, ctx: Context, lenient: boolean): unknown {
  const filters = value.filters as unknown as Filter[];
  const lenientHere = lenient || (ctx.opts.lenientIf && filters.length > 0 && filters[0].name === 'default');
  let result = expressionValue(value.initial, ctx, lenientHere);
  for (const filter of filters) {
    result = filter.args.length === 0
      ? toValueSync(filter.handler.apply({ context: ctx, token: filter.token, liquid: filter.liquid }, [result]))
      : toValueSync(filter.render(result, ctx));
  }
  return result;
}

/** `Expression.evaluate`: one operand read here, anything with operators by liquidjs. */
function expressionValue(expression: Expression, ctx: Context, lenient: boolean): unknown {
  const { postfix } = expression;
  if (postfix.length !== 1 || TypeGuards.isOperatorToken(postfix[0])) return toValueSync(expression.evaluate(ctx, lenient));
  const token = postfix[0];
  if ('content' in token) return token.content;
  if (TypeGuards.isPropertyAccessToken(token)) return propertyValue(token as PropertyAccess, ctx, lenient);
  return toValueSync(evalToken(token, ctx, lenient));
}

/** `evalPropertyAccessToken` for a plain path (`page.title`, `site.data["x"]`): each property read in turn from the scope that has the first. */
function propertyValue(token: PropertyAccess, ctx: Context, lenient: boolean): unknown {
  const keys: (string | number)[] = [];
  for (const prop of token.props) {
    const key = 'content' in prop ? prop.content : undefined;
    if (token.variable || (typeof key !== 'string' && typeof key !== 'number')) return toValueSync(evalToken(token, ctx, lenient));
    keys.push(key);
  }
  try {
    const scopes = ctx as unknown as Scopes;
    let scope: unknown = scopes.findScope(keys[0]);
    for (const key of keys) scope = toValueSync(scopes.readProperty(scope as object, key));
    return scope;
  } catch (error) {
    if (lenient && (error as Error).name === 'InternalUndefinedVariableError') return null;
    throw new UndefinedVariableError(error as Error, token);
  }
}
