/**
 * What kramdown-parser-gfm (Jekyll's default Markdown input) adds to kramdown: task lists
 * (`Parser::GFM#parse_list`) and `~~strikethrough~~` written as `<del>`.
 */
import type MarkdownIt = require('markdown-it');

type Markdown = InstanceType<typeof MarkdownIt>;
type StateCore = MarkdownIt.StateCore;

const UNCHECKED = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />';
const CHECKED = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" checked="checked" />';

export function kramdownGfm(md: Markdown): void {
  // `<del>`, with the attributes of a span IAL (`~~gone~~{: .x}`).
  md.renderer.rules.s_open = md.renderer.rules.s_close = (tokens, idx, options, _env, self) => {
    tokens[idx].tag = 'del';
    return self.renderToken(tokens, idx, options);
  };
  md.core.ruler.push('kramdown_gfm_task_lists', taskLists);
}

/**
 * An item whose first paragraph starts `[ ]` or `[x]` gets a checkbox; from the first such item on,
 * every item of the list has the class `task-list-item` (kramdown's flag is never reset), and the list `task-list`.
 */
function taskLists(state: StateCore): void {
  const tokens = state.tokens;
  tokens.forEach((list, start) => {
    if (list.type !== 'bullet_list_open' && list.type !== 'ordered_list_open') return;
    let isTaskList = false;
    for (let i = start + 1; i < tokens.length && !(tokens[i].type === list.type.replace('_open', '_close') && tokens[i].level === list.level); i++) {
      const item = tokens[i];
      if (item.type !== 'list_item_open' || item.level !== list.level + 1) continue;
      const inline = tokens[i + 1]?.type === 'paragraph_open' ? tokens[i + 2] : undefined;
      const first = inline?.children?.[0];
      const box = first?.type === 'text' ? /^\s*\[([ xX])\]\s+/.exec(first.content) : null;
      if (first && box) {
        first.content = first.content.slice(box[0].length);
        const input = new state.Token('html_inline', '', 0);
        input.content = box[1] === ' ' ? UNCHECKED : CHECKED;
        inline!.children!.unshift(input);
        isTaskList = true;
      }
      if (isTaskList) item.attrJoin('class', 'task-list-item');
    }
    if (isTaskList) list.attrJoin('class', 'task-list');
  });
}
