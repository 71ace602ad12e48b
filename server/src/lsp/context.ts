import type { ClientCapabilities, Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SiteWorkspace } from '../service/workspace';

/** A document the server knows, in its site: the workspace has the editor's latest text of it. */
export interface SiteDocument {
  workspace: SiteWorkspace;
  /** Site-relative path, forward slashes. */
  relPath: string;
  uri: string;
  /** The editor buffer when the document is open, else undefined (the workspace read the disk). */
  document?: TextDocument;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What the server gives each feature module (hover, code actions, preview…) to answer requests. */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  log: Logger;
  /**
   * The site of a document, after every edit the client sent before this call has been applied
   * (requests run in the server's queue, in order with edits). Undefined outside every site.
   */
  siteDocument(uri: string): Promise<SiteDocument | undefined>;
  /** The URI to name a site file by: the open document's own URI when it is open. */
  uriFor(workspace: SiteWorkspace, relPath: string): string;
  clientCapabilities(): ClientCapabilities;
  /** Calls `listener` each time the first whole-site check of a site the server opened is published. */
  onSiteChecked(listener: () => void): void;
}

/**
 * A group of LSP requests served by the language service. Each module keeps its handlers
 * apart from the service code it calls; `server.ts` merges the capabilities and registers them.
 */
export interface ServerFeature {
  capabilities: ServerCapabilities;
  register(context: ServerContext): void;
}
