/**
 * Rouge's `ConsoleLexer` (`lexers/console.rb`) with its default options: each line that holds a
 * prompt character (`$`, `#`, `>` or `;`) is a prompt up to it followed by a shell command; a line
 * of dots is an elision; any other line is output.
 */
import { Emit, Lexer, Run } from '../lexer';
import { Comment, Generic, Text } from '../tokens';
import { shell } from './shell';

const PROMPT = /^[\s\S]*?(?:\$|#|>|;)/m;
const ELISION = /^\s*(?:<[.]+>|[.]+)\s*$(?![\s\S])/;

class ConsoleRun implements Run {
  private command: Run = shell.begin();

  continueLex(text: string, emit: Emit): void {
    for (const line of text.match(/[^\n]*(?:\n|$)/g) ?? []) {
      if (line !== '') this.line(line, emit);
    }
  }

  private line(line: string, emit: Emit): void {
    const prompt = ELISION.test(line) ? null : PROMPT.exec(line);
    if (ELISION.test(line)) {
      this.command = shell.begin();
      emit(Comment, line);
    } else if (prompt) {
      emit(Generic.Prompt, prompt[0]);
      const rest = line.slice(prompt.index + prompt[0].length);
      const blank = /^\s*/.exec(rest)![0];
      if (blank) emit(Text.Whitespace, blank);
      this.command.continueLex(rest.slice(blank.length), emit);
    } else {
      this.command = shell.begin();
      emit(Generic.Output, line);
    }
  }
}

export const shellSession: Lexer = {
  tag: 'console',
  names: ['console', 'terminal', 'shell_session', 'shell-session'],
  begin: () => new ConsoleRun(),
};
