/**
 * The language server's process: the bundled CLI in `lsp --stdio` mode, forked on the extension host's
 * own Node as vscode-languageclient would fork it. The first one is started before the client's bundle
 * loads (client/src/entry.ts), so that the server's Node start and bundle load run meanwhile.
 */
import { ChildProcess, fork } from 'node:child_process';

/** The server's module, relative to the extension's folder (`context.asAbsolutePath`). */
export const SERVER_MODULE = 'dist/server/cli.js';

/** How long a server that was asked to stop may take before it is killed (vscode-languageclient's wait). */
const STOP_GRACE_MS = 2000;

/** The extension host runs under a debugger (`--inspect`): the server then opens its own debug port. */
const debugging = (): boolean => process.execArgv.some((arg) => /^--(?:debug|inspect)(?:-brk)?(?:=|$)/.test(arg));

/**
 * For the timing suite (scripts/test-vscode.mjs --cpu-profile): a folder where the server writes V8's
 * CPU profile of its whole run, to see where its start-up goes inside a real VS Code.
 */
const PROFILE_FOLDER_VARIABLE = 'JEKYLL_AUTHOR_SERVER_CPU_PROFILE';

function execArgv(): string[] {
  if (debugging()) return ['--nolazy', '--inspect=6009'];
  const profileFolder = process.env[PROFILE_FOLDER_VARIABLE];
  return profileFolder ? ['--cpu-prof', `--cpu-prof-dir=${profileFolder}`] : [];
}

export function spawnServer(module: string): ChildProcess {
  return fork(module, ['lsp', '--stdio', `--clientProcessId=${process.pid}`], {
    // In VS Code proper the extension host is Electron: run it as plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1' },
    execArgv: execArgv(),
    silent: true,
  });
}

/**
 * Hands the language client its server processes: the one started early first, a fresh one on each
 * restart. A process the client no longer talks to is killed if it has not exited within the grace
 * time (a hung server must not outlive its client).
 */
export class ServerProcesses {
  private current: ChildProcess | undefined;

  constructor(private readonly module: string, private early: ChildProcess | undefined) {}

  /** For the client's `ServerOptions`: called at each start. */
  next(): ChildProcess {
    stop(this.current);
    const early = this.early;
    this.early = undefined;
    this.current = early && running(early) ? early : spawnServer(this.module);
    return this.current;
  }

  /**
   * A message could not be written to the current process: its input is gone, so it can no longer be
   * talked to. Killing it (if it has not died already) makes its output close, which the client
   * answers with a restart.
   */
  inputLost(): void {
    if (this.current && running(this.current)) this.current.kill();
  }

  /** The client stopped for good: its process goes, and one started early that it never took. */
  retire(): void {
    stop(this.current);
    stop(this.early);
    this.current = this.early = undefined;
  }
}

/** Node's codes for a write into a pipe whose reader is gone. */
const BROKEN_PIPE_CODES = new Set(['EPIPE', 'ECONNRESET', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

/**
 * Whether a connection error says the server's input is gone: a message could not be written (the
 * client passes the message), or the pipe itself reports a broken write.
 */
export function isLostInput(error: Error, message: unknown): boolean {
  return message !== undefined || BROKEN_PIPE_CODES.has(String((error as NodeJS.ErrnoException).code));
}

const running = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

/** Kills `child` unless it exits by itself within the grace time. */
function stop(child: ChildProcess | undefined): void {
  if (!child || !running(child)) return;
  const timer = setTimeout(() => child.kill(), STOP_GRACE_MS);
  child.once('exit', () => clearTimeout(timer));
}
