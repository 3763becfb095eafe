/**
 * What a value must be before it is given to git: values from an event, an input or the
 * environment are hostile until checked (a "--upload-pack=..." would be an option to git).
 */

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/** A full object id: 40 hex digits (SHA-1) or 64 (SHA-256). */
export function isObjectId(value: string): boolean {
  return OBJECT_ID.test(value);
}

/** An abbreviated or full object id, as a person types one. */
export function isAbbreviatedObjectId(value: string): boolean {
  return /^[0-9a-f]{4,64}$/i.test(value);
}

/**
 * Why git would refuse a ref name (the rules of `git check-ref-format`), or null when it is valid.
 * `oneLevel` allows a name without a slash, as `--allow-onelevel` does.
 */
export function refNameProblem(name: string, oneLevel = false): string | null {
  if (name === '' || name === '@') return 'it is empty or "@"';
  if (name.startsWith('-')) return 'it starts with "-"';
  if (name.endsWith('.')) return 'it ends with "."';
  if (name.includes('..')) return 'it contains ".."';
  if (name.includes('@{')) return 'it contains "@{"';
  // Controls, DEL, space and ~ ^ : ? * [ \ are not allowed anywhere.
  // eslint-disable-next-line no-control-regex
  const bad = /[\u0000-\u0020\u007f~^:?*[\\]/.exec(name);
  if (bad) return `it contains ${JSON.stringify(bad[0])}`;
  const parts = name.split('/');
  if (!oneLevel && parts.length < 2) return 'it has no "/"';
  for (const part of parts) {
    if (part === '') return 'it has an empty part (a leading, trailing or double "/")';
    if (part.startsWith('.')) return 'a part starts with "."';
    if (part.endsWith('.lock')) return 'a part ends with ".lock"';
  }
  return null;
}

/** A branch name (what follows refs/heads/), by git's rules. */
export function isBranchName(name: string): boolean {
  return name !== 'HEAD' && refNameProblem(name, true) === null;
}

/**
 * A revision a person gives on the command line: an object id, or a ref name (a branch, tag,
 * remote branch or HEAD) with ~N and ^N steps after it. Nothing git could read as an option.
 */
export function isRevision(value: string): boolean {
  const match = /^(.*?)((?:[~^][0-9]*)*)$/.exec(value);
  const name = match?.[1] ?? '';
  return isAbbreviatedObjectId(name) || refNameProblem(name, true) === null;
}
