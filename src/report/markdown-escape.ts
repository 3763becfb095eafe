/** Escapes text for a GitHub Markdown table cell or paragraph: no HTML runs, no table breaks. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1');
}

/** Inline code that cannot be closed early by backticks in the text. */
export function code(text: string): string {
  return `<code>${escapeMarkdown(text)}</code>`;
}
