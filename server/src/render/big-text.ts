/**
 * From what length a text is rendered in pieces rather than whole: Liquid a batch of tags at a time
 * (liquid-stream.ts), Markdown a stretch of blocks at a time (markdown-stretches.ts). Below these,
 * a page renders whole, as it always did; the output is the same either way, which the tests check
 * by lowering them.
 */
export const bigText = {
  /** Characters of Liquid: a shorter text is parsed whole and its parse cached (layouts and includes are). */
  liquidChars: 200_000,
  /** Characters of Markdown, and about the length of each stretch. */
  markdownChars: 100_000,
};
