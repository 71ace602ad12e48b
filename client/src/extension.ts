import * as vscode from 'vscode';
import {
  CloseAction, ErrorHandler, LanguageClient, LanguageClientOptions, Location, Message, Position, ServerOptions, TransportKind,
} from 'vscode-languageclient/node';
import { registerPreview } from './preview/previewManager';

let client: LanguageClient | undefined;

/** Starts the language server (the bundled CLI in `lsp --stdio` mode) and connects it to the editor. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Jekyll Author', { log: true });
  context.subscriptions.push(outputChannel);
  const module = context.asAbsolutePath('dist/server/cli.js');
  const args = ['lsp', '--stdio'];
  const serverOptions: ServerOptions = {
    run: { module, args, transport: TransportKind.stdio },
    debug: { module, args, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // The default handler restarts a crashed server (up to 4 times in 3 minutes): keep it, and say so.
  let defaultHandler: ErrorHandler | undefined;
  const fallback = (): ErrorHandler => (defaultHandler ??= client!.createDefaultErrorHandler());
  const errorHandler: ErrorHandler = {
    error: (error: Error, message: Message | undefined, count: number | undefined) => {
      outputChannel.error(`Connection error (${count ?? 0}): ${error.message}`);
      return fallback().error(error, message, count);
    },
    closed: async () => {
      const result = await fallback().closed();
      if (result.action === CloseAction.Restart) outputChannel.warn('The language server stopped; restarting it.');
      else outputChannel.error('The language server stopped too often; not restarting it. Reload the window to try again.');
      return result;
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'html' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', pattern: '**/_config.yml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
    ],
    synchronize: { configurationSection: 'jekyllAuthor' },
    outputChannel,
    errorHandler,
  };
  // The client id makes `jekyllAuthor.trace.server` the trace setting.
  client = new LanguageClient('jekyllAuthor', 'Jekyll Author', serverOptions, clientOptions);
  // Internal, for the extension-host tests: the server's process id (sent in its initialize result),
  // so that they can kill the server and watch the client restart it.
  context.subscriptions.push(
    vscode.commands.registerCommand('jekyllAuthor._serverPid', () => client?.initializeResult?.processId),
    vscode.commands.registerCommand('jekyllAuthor.restartServer', () => client?.restart()),
    vscode.commands.registerCommand('jekyllAuthor.showOutput', () => outputChannel.show()),
  );
  // The "used by N pages" lens of a layout file sends the pages as LSP locations: show them in VS Code's references view.
  context.subscriptions.push(vscode.commands.registerCommand('jekyllAuthor.showReferences', (uri: string, position: Position, locations: Location[]) => {
    const converter = client!.protocol2CodeConverter;
    return vscode.commands.executeCommand('editor.action.showReferences', converter.asUri(uri),
      converter.asPosition(position), locations.map((location) => converter.asLocation(location)));
  }));
  // Before starting: a preview restored with the window needs its serializer during activation.
  registerPreview(context, () => client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
