import type { MessageData } from '../model/types.js';

/*
 * Messages come from the registry: each rule's `meta.messages` holds one template per kind of
 * problem, and a problem names its template (`messageId`) and the values of its placeholders
 * (`data`). Identity (pre-existing matching, SARIF) reads the id and the data, never the text.
 */

/** A `{{name}}` placeholder; spaces inside the braces are allowed, as in ESLint. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$]*)\s*\}\}/g;

/**
 * A message from its template and data. Each placeholder is replaced by its value verbatim: a
 * value is never read as a template itself. A placeholder without a value is left as written.
 */
export function renderMessage(template: string, data: MessageData = {}): string {
  return template.replace(PLACEHOLDER, (whole, key: string) =>
    Object.hasOwn(data, key) ? String(data[key]) : whole,
  );
}

/** A template as its literal text and its placeholders' names, in order: even items are text. */
export function templateParts(template: string): string[] {
  const parts: string[] = [];
  let at = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(at, match.index), match[1] as string);
    at = match.index + match[0].length;
  }
  parts.push(template.slice(at));
  return parts;
}

/** The names a template's placeholders use, in the order they first appear. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string))];
}

/** The rendered message of `messageId` in `messages`; a message the meta does not declare is a bug. */
export function messageOf(
  owner: { id: string; messages: Readonly<Record<string, string>> },
  messageId: string,
  data?: MessageData,
): string {
  const template = Object.hasOwn(owner.messages, messageId) ? owner.messages[messageId] : undefined;
  if (template === undefined) {
    throw new Error(`no message "${messageId}" in the meta.messages of ${owner.id}`);
  }
  return renderMessage(template, data);
}
