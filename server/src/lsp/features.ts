import type { Connection, Disposable, ServerCapabilities } from 'vscode-languageserver/node';
import { codeActionFeature } from './code-actions';
import type { ServerContext, ServerFeature } from './context';
import { completionFeature } from './completion';
import { hoverFeature } from './hover';
import { linkCompletionFeature } from './links';
import { navigationFeature } from './navigation';
import { outlineFeature } from './outline';
import { previewFeature } from './preview';
import { renameFeature } from './rename';
import { workbenchFeature } from './workbench';

/** The request handlers beyond diagnostics, one module each. */
const ALL: ServerFeature[] = [
  codeActionFeature, hoverFeature, completionFeature, navigationFeature, renameFeature, outlineFeature, previewFeature, workbenchFeature,
  linkCompletionFeature,
];

type Handler = (...args: unknown[]) => unknown;

/**
 * Several features may answer the same request (two code lenses, two kinds of completion). A
 * connection keeps one handler per request and a second registration silently replaces the
 * first: so each request is registered once, and its answer merges what every feature returns.
 */
export function mergeFeatures(features: ServerFeature[]): ServerFeature {
  return {
    capabilities: mergeCapabilities(features.map((feature) => feature.capabilities)),
    register(context) {
      const handlers = new Map<string, { register: (handler: Handler) => void; list: Handler[] }>();
      const collecting = new Proxy(context.connection, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver) as unknown;
          if (typeof property !== 'string' || !/^on[A-Z]/.test(property) || typeof value !== 'function') return value;
          return (...args: unknown[]): Disposable => {
            // `onRequest(method, handler)` is keyed by its method, `onHover(handler)` by its name.
            const keyed = args.length >= 2 && typeof args[args.length - 1] === 'function';
            const method = keyed ? args[0] as string | { method: string } : undefined;
            const key = method === undefined ? property : `${property}:${typeof method === 'string' ? method : method.method}`;
            let entry = handlers.get(key);
            if (!entry) {
              const prefix = keyed ? [method] : [];
              entry = { register: (handler) => (value as Handler).call(target, ...prefix, handler), list: [] };
              handlers.set(key, entry);
            }
            entry.list.push(args[args.length - 1] as Handler);
            return { dispose: () => undefined };
          };
        },
      }) as Connection;
      for (const feature of features) feature.register({ ...context, connection: collecting } satisfies ServerContext);
      for (const { register, list } of handlers.values()) {
        register(list.length === 1 ? list[0] : async (...args: unknown[]) => mergeAnswers(await Promise.all(list.map((handler) => handler(...args)))));
      }
    },
  };
}

/** Lists are joined, completion lists join their items; otherwise the first answer wins. */
export function mergeAnswers(answers: unknown[]): unknown {
  const given = answers.filter((answer) => answer !== null && answer !== undefined);
  if (given.length <= 1) return given[0] ?? null;
  if (given.every(Array.isArray)) return given.flat();
  const lists = given.map((answer) => (Array.isArray(answer) ? { items: answer } : answer) as { items?: unknown[]; isIncomplete?: boolean });
  if (lists.every((list) => Array.isArray(list.items))) {
    return { isIncomplete: lists.some((list) => list.isIncomplete === true), items: lists.flatMap((list) => list.items!) };
  }
  return given[0];
}

/** Capabilities of every feature together; trigger characters of the same provider are joined. */
function mergeCapabilities(all: ServerCapabilities[]): ServerCapabilities {
  const merged: Record<string, unknown> = {};
  for (const capabilities of all) {
    for (const [name, value] of Object.entries(capabilities)) {
      const before = merged[name];
      if (isObject(before) && isObject(value)) {
        const joined: Record<string, unknown> = { ...before, ...value };
        for (const key of ['triggerCharacters', 'allCommitCharacters', 'codeActionKinds']) {
          const lists = [before[key], value[key]].filter(Array.isArray) as unknown[][];
          if (lists.length > 0) joined[key] = [...new Set(lists.flat())];
        }
        merged[name] = joined;
      } else if (!isObject(before) || value !== undefined) {
        merged[name] = isObject(before) && value === true ? before : value;
      }
    }
  }
  return merged as ServerCapabilities;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What `server.ts` registers: every feature, each request once. */
export const FEATURES: ServerFeature[] = [mergeFeatures(ALL)];
