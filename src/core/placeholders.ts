import { normalize } from './strings.js';

/**
 * Values that say "not filled in yet", in any metadata field. Data: the configuration's
 * `placeholders` replaces the list. A value with no letter or digit (`?`, `???`, `-`, `...`) is
 * one too, whatever the list says.
 */
export const DEFAULT_PLACEHOLDERS: readonly string[] = [
  'TBD',
  'TBA',
  'TBC',
  'TODO',
  'FIXME',
  'XXX',
  'WIP',
  'link',
  'link here',
  'link to PR',
  'PR link',
  'PR',
  'URL',
  'coming soon',
  'unknown',
];

/** The value as compared: no emphasis, case or wrapping `<...>`, `[...]`, `(...)`, no end stop. */
function fillerKey(value: string): string {
  let key = normalize(value);
  for (;;) {
    const inner = /^(?:<(.*)>|\[(.*)\]|\((.*)\))$/s.exec(key);
    if (!inner) break;
    key = (inner[1] ?? inner[2] ?? inner[3] ?? '').trim();
  }
  return key.replace(/[.:;!]+$/, '').trim();
}

const keys = new WeakMap<readonly string[], Set<string>>();

/** Whether a non-empty value is a stand-in such as `TBD`, `?` or `link`. */
export function isFiller(value: string, placeholders: readonly string[]): boolean {
  if (!value.trim()) return false;
  if (!/[\p{L}\p{N}]/u.test(value)) return true;
  let set = keys.get(placeholders);
  if (!set) keys.set(placeholders, (set = new Set(placeholders.map(fillerKey))));
  return set.has(fillerKey(value));
}
