// Hover, completion and quick fixes as VS Code itself asks for them (the execute*Provider commands),
// so the client's middleware and the server's answers are checked together.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, open, waitFor, waitForDiagnostics } from './helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
    .join('\n');
}

suite('Editing a page in VS Code', () => {
  test('hovering a front-matter key says which template reads it', async () => {
    const document = await open('research.md');
    // `intro` on line 3 (0-based 2).
    const hovers = await waitFor(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(2, 2)),
      (found) => hoverText(found ?? []).includes('section-home'),
      'a hover on `intro` naming the section-home layout',
    );
    const text = hoverText(hovers);
    assert.match(text, /intro/);
    assert.match(text, /_layouts\/section-home\.html/);
  });

  test('completion offers the layouts of the site for `layout:`', async () => {
    const document = await open('research.md');
    // After `layout: ` on line 8 (0-based 7).
    const list = await waitFor(
      () => vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider', document.uri, new vscode.Position(7, 'layout: '.length),
      ),
      (found) => (found?.items ?? []).some((item) => labelOf(item) === 'default'),
      'completion items for layout',
    );
    const labels = list.items.map(labelOf);
    for (const layout of ['default', 'home', 'section-home']) assert.ok(labels.includes(layout), `${layout} is offered: ${labels.join(', ')}`);
  });

  test('the quick fix for an unquoted 5.10 quotes it, and the warning goes away', async () => {
    const document = await open('broken/float-level.md');
    await waitForDiagnostics(document.uri, (c) => c.includes('ambiguous-scalar'), 'expected ambiguous-scalar');
    const diagnostic = vscode.languages.getDiagnostics(document.uri).find((d) => codeOf(d) === 'ambiguous-scalar')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value,
    );
    const quote = actions.find((action) => action.title === 'Put the value in quotes');
    assert.ok(quote?.edit, `a "Put the value in quotes" fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(quote.edit));
    assert.match(document.getText(), /^level: "5\.10"$/m);
    await waitForDiagnostics(document.uri, (c) => !c.includes('ambiguous-scalar'), 'ambiguous-scalar gone after the fix');
  });
});

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}
