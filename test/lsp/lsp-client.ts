import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, Diagnostic, DidChangeConfigurationNotification, DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification,
  FileChangeType, InitializedNotification, InitializeRequest, InitializeResult, LogMessageNotification, ProtocolConnection,
  PublishDiagnosticsNotification, PublishDiagnosticsParams, Range, RegistrationParams, RegistrationRequest,
  ShutdownRequest, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { copyExampleSite } from '../helpers/site';

/** How long a helper waits for the server before failing the test (never a timing assertion). */
export const WAIT_MS = 15_000;

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'test', 'fixtures'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No repository root above ${__dirname}`);
  }
}

export const REPO = repoRoot();
/** The built server: `npm run build` makes it. `JEKYLL_AUTHOR_SERVER` points at another build. */
export const SERVER = process.env.JEKYLL_AUTHOR_SERVER ?? path.join(REPO, 'dist', 'server', 'cli.js');
export const uriOf = (absPath: string): string => pathToFileURL(absPath).href;

/** A real LSP client over the server's stdio, recording what the server publishes. */
export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** How many times diagnostics were published for each URI. */
  readonly publishCounts = new Map<string, number>();
  readonly logs: { type: number; message: string }[] = [];
  readonly registrations: RegistrationParams[] = [];
  readonly stderr: string[] = [];
  /** Work-done progress (`$/progress` values) and the server's `jekyllAuthor/siteState` news, in order. */
  readonly progress: { method: string; params: unknown }[] = [];
  /** What `workspace/configuration` answers for the `jekyllAuthor` section. */
  settings: unknown = {};
  /** How many `workspace/configuration` requests the server sent. */
  configurationRequests = 0;
  /** While set, `workspace/configuration` answers wait for it (an editor busy elsewhere). */
  configurationHeld: Promise<void> | undefined;
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  initializeResult: InitializeResult | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly versions = new Map<string, number>();

  private constructor(readonly process: ChildProcess, readonly connection: ProtocolConnection, readonly root: string) {}

  /**
   * Starts the server on `root`; `env` replaces the server process's environment; `positionEncodings`
   * are offered in `general.positionEncodings` (none: the LSP default, UTF-16); `server` is the bundle to run;
   * `initializationOptions` go with the handshake.
   */
  static async start(root: string, settings: unknown = {}, env?: NodeJS.ProcessEnv, positionEncodings?: string[], server = SERVER,
    initializationOptions?: unknown): Promise<TestClient> {
    if (!fs.existsSync(server)) throw new Error(`No built server at ${server}: run \`npm run build\` first.`);
    const child = spawn(process.execPath, [server, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, root);
    client.settings = settings;
    child.stderr!.on('data', (chunk: Buffer) => client.stderr.push(chunk.toString()));
    child.on('exit', (code, signal) => {
      client.exited = { code, signal };
      client.notify();
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
      client.diagnostics.set(params.uri, params.diagnostics);
      client.publishCounts.set(params.uri, (client.publishCounts.get(params.uri) ?? 0) + 1);
      client.notify();
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      client.logs.push(params);
      client.notify();
    });
    for (const method of ['$/progress', 'jekyllAuthor/siteState']) {
      connection.onNotification(method, (params: unknown) => {
        client.progress.push({ method, params });
        client.notify();
      });
    }
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest(RegistrationRequest.type, (params: RegistrationParams) => {
      client.registrations.push(params);
    });
    connection.onRequest('workspace/configuration', async (params: { items: { section?: string }[] }) => {
      client.configurationRequests++;
      await client.configurationHeld;
      return params.items.map((item) => (item.section === 'jekyllAuthor' ? client.settings : null));
    });
    connection.onError(() => undefined);
    connection.listen();
    const initialized = await withTimeout(connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(root),
      initializationOptions,
      workspaceFolders: [{ uri: uriOf(root), name: path.basename(root) }],
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          didChangeConfiguration: { dynamicRegistration: true },
        },
        window: { workDoneProgress: true },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
        },
        ...(positionEncodings ? { general: { positionEncodings } } : {}),
      },
    }), 'initialize');
    client.initializeResult = initialized;
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  uri(relPath: string): string {
    return uriOf(path.join(this.root, ...relPath.split('/')));
  }

  /** The latest diagnostics of a site-relative file (empty when none were published). */
  diagnosticsOf(relPath: string): Diagnostic[] {
    return this.diagnostics.get(this.uri(relPath)) ?? [];
  }

  /** Resolves when `predicate` holds for the file's latest diagnostics; fails after `WAIT_MS`. */
  waitForDiagnostics(relPath: string, predicate: (diagnostics: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
    const uri = this.uri(relPath);
    return this.waitFor(() => {
      const current = this.diagnostics.get(uri);
      return current !== undefined && predicate(current) ? current : undefined;
    }, `${what} (${relPath}; last: ${JSON.stringify(this.diagnostics.get(uri)?.map((d) => [d.code, d.range.start.line]))})`);
  }

  /** Resolves when `check` returns something; fails after `WAIT_MS` or when the server exits. */
  waitFor<T>(check: () => T | undefined, what: string | (() => string)): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = () => {
        let value: T | undefined;
        try {
          value = check();
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        if (value !== undefined) {
          finish();
          resolve(value);
        } else if (this.exited) {
          finish();
          reject(new Error(`The server exited (${JSON.stringify(this.exited)}) while waiting for ${describe(what)}.\n${this.stderr.join('')}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`Timed out waiting for ${describe(what)}`));
      }, WAIT_MS);
      const finish = () => {
        clearTimeout(timer);
        this.listeners.delete(attempt);
      };
      this.listeners.add(attempt);
      attempt();
    });
  }

  async open(relPath: string, text?: string, languageId = languageOf(relPath)): Promise<string> {
    const content = text ?? fs.readFileSync(path.join(this.root, ...relPath.split('/')), 'utf8');
    this.versions.set(relPath, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: this.uri(relPath), languageId, version: 1, text: content },
    });
    return content;
  }

  /** An incremental change: replaces `range` with `text`. */
  async change(relPath: string, range: Range, text: string): Promise<void> {
    const version = (this.versions.get(relPath) ?? 1) + 1;
    this.versions.set(relPath, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: this.uri(relPath), version },
      contentChanges: [{ range, text }],
    });
  }

  async close(relPath: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: this.uri(relPath) } });
  }

  async fileEvents(...events: [relPath: string, type: FileChangeType][]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: events.map(([relPath, type]) => ({ uri: this.uri(relPath), type })),
    });
  }

  async changeSettings(settings: unknown): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { jekyllAuthor: settings } });
  }

  /** Asks the server to shut down and exit, and waits until it has (killing it if it does not). */
  async shutdown(): Promise<void> {
    try {
      if (!this.exited) {
        await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 'shutdown');
        await this.connection.sendNotification(ExitNotification.type);
        await this.waitFor(() => this.exited, 'the server to exit');
      }
    } catch {
      this.process.kill();
    }
  }

  /** Shuts the server down and deletes the site folder. */
  async stop(): Promise<void> {
    try {
      await this.shutdown();
    } finally {
      this.connection.dispose();
      fs.rmSync(this.root, { recursive: true, force: true });
    }
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function languageOf(relPath: string): string {
  if (relPath.endsWith('.md')) return 'markdown';
  if (relPath.endsWith('.html')) return 'html';
  if (relPath.endsWith('.yml') || relPath.endsWith('.yaml')) return 'yaml';
  if (relPath.endsWith('.json')) return 'json';
  return 'plaintext';
}

function describe(what: string | (() => string)): string {
  return typeof what === 'function' ? what() : what;
}

/**
 * For a test file whose tests each run their own server: returns `start`, which starts one on `root`
 * (a fresh copy of the example site by default); the one a test started is stopped after it.
 */
export function serverPerTest(): (root?: string) => Promise<TestClient> {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });
  return async (root = copyExampleSite()) => (client = await TestClient.start(root));
}

export function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), WAIT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The range of the first occurrence of `needle` in `text` (single-line needles). */
export function rangeOf(text: string, needle: string): Range {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, offset).split('\n');
  const line = before.length - 1;
  const character = before[before.length - 1].length;
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

export { FileChangeType };
