/**
 * Glob matching in time linear in the path (times the pattern's length): a backtracking regular
 * expression takes exponential time on `*-*-*-*-*-draft.md` against a name of many dashes, and a
 * file name is written by whoever opens a pull request. The patterns are those of picomatch with
 * `dot: true`: `*`, `?`, `[...]` (`[!...]` and `[^...]` negated, as in a shell), `**` as a whole path segment,
 * `{a,b}` and `{1..3}`, `\` escapes and a leading `!`. Extglobs (`@(a|b)`) are read as text.
 */

/** Above this many alternatives from braces, the rest of a pattern's braces are read as text. */
const MAX_EXPANSIONS = 256;

type Test = (char: string) => boolean;

/** One state of the automaton: its character transition and its empty ones. */
interface State {
  test: Test | null;
  to: number;
  /** Empty transitions. */
  next: number[];
}

interface Automaton {
  states: State[];
  start: number;
  accept: number;
}

/** A matcher for a list of patterns: true when any matches (a negated one when it does not). */
export function globMatcher(patterns: readonly string[]): (path: string) => boolean {
  const compiled = patterns.flatMap((pattern) => {
    const negated = /^!(?!\()/.test(pattern);
    const body = negated ? pattern.slice(1) : pattern;
    return [{ negated, alternatives: expandBraces(body).map(compile) }];
  });
  // No pattern matches an empty path, as in picomatch.
  const matches = (path: string) =>
    path !== '' &&
    compiled.some(
      ({ negated, alternatives }) =>
        alternatives.some((automaton) => run(automaton, path)) !== negated,
    );
  // Findings share files: each path is matched once.
  const known = new Map<string, boolean>();
  return (path) => {
    let result = known.get(path);
    if (result === undefined) {
      result = matches(path);
      if (known.size >= 100_000) known.clear();
      known.set(path, result);
    }
    return result;
  };
}

const NOT_SLASH: Test = (char) => char !== '/';
const ANY: Test = () => true;

function compile(pattern: string): Automaton {
  const states: State[] = [];
  const add = (): number => states.push({ test: null, to: -1, next: [] }) - 1;
  const start = add();
  let at = start;
  /** A step on one character, from `at` to a new state. */
  const step = (test: Test) => {
    const to = add();
    const state = states[at] as State;
    state.test = test;
    state.to = to;
    at = to;
  };
  /** Any run of characters the test takes, from `at`, ending at a new state. */
  const loop = (test: Test) => {
    const body = add();
    const end = add();
    (states[at] as State).next.push(body);
    const state = states[body] as State;
    state.test = test;
    state.to = body;
    state.next.push(end);
    at = end;
  };
  let i = 0;
  const segmentStart = (index: number) => index === 0 || pattern[index - 1] === '/';
  while (i < pattern.length) {
    const char = pattern[i] as string;
    if (char === '*') {
      let end = i;
      while (pattern[end] === '*') end++;
      const whole = segmentStart(i) && (end === pattern.length || pattern[end] === '/');
      if (end - i >= 2 && whole) {
        if (pattern[end] === '/') {
          // "**/": nothing, or any folders each ending in "/".
          const skip = at;
          const inside = add();
          const after = add();
          (states[skip] as State).next.push(after, inside);
          const state = states[inside] as State;
          state.test = ANY;
          state.to = inside;
          // Leaving the loop needs a "/" last: a second state takes it.
          const slash = add();
          state.next.push(slash);
          const slashState = states[slash] as State;
          slashState.test = (c) => c === '/';
          slashState.to = after;
          at = after;
          i = end + 1;
          continue;
        }
        // "**" at the end: anything, folders included.
        loop(ANY);
        i = end;
        continue;
      }
      // A segment that is only "*" is not empty.
      if (whole) step(NOT_SLASH);
      loop(NOT_SLASH);
      i = end;
      continue;
    }
    if (char === '/' && /^\/\*{2,}$/.test(pattern.slice(i))) {
      // "a/**": "a" alone, or "a/" and anything after it.
      const skip = at;
      step((c) => c === '/');
      loop(ANY);
      (states[skip] as State).next.push(at);
      break;
    }
    if (char === '?') {
      step(NOT_SLASH);
      i++;
      continue;
    }
    if (char === '[') {
      const parsed = parseClass(pattern, i);
      if (parsed) {
        step(parsed.test);
        i = parsed.end;
        continue;
      }
    }
    if (char === '\\' && i + 1 < pattern.length) {
      const literal = pattern[i + 1] as string;
      step((c) => c === literal);
      i += 2;
      continue;
    }
    step((c) => c === char);
    i++;
  }
  return { states, start, accept: at };
}

function parseClass(pattern: string, open: number): { test: Test; end: number } | null {
  let i = open + 1;
  const negated = pattern[i] === '!' || pattern[i] === '^';
  if (negated) i++;
  const ranges: [string, string][] = [];
  let first = true;
  while (i < pattern.length && (pattern[i] !== ']' || first)) {
    first = false;
    let low = pattern[i] as string;
    if (low === '\\' && i + 1 < pattern.length) low = pattern[++i] as string;
    let high = low;
    if (pattern[i + 1] === '-' && pattern[i + 2] !== undefined && pattern[i + 2] !== ']') {
      high = pattern[i + 2] as string;
      if (high === '\\' && i + 3 < pattern.length) {
        high = pattern[i + 3] as string;
        i++;
      }
      i += 2;
    }
    ranges.push([low, high]);
    i++;
  }
  if (pattern[i] !== ']') return null;
  return {
    test: (c) => c !== '/' && ranges.some(([low, high]) => c >= low && c <= high) !== negated,
    end: i + 1,
  };
}

/** Runs the automaton over the path: a set of states, advanced one character at a time. */
function run({ states, start, accept }: Automaton, path: string): boolean {
  let current = closure(states, [start]);
  for (const char of path) {
    const next: number[] = [];
    for (const index of current) {
      const state = states[index] as State;
      if (state.test?.(char)) next.push(state.to);
    }
    if (next.length === 0) return false;
    current = closure(states, next);
  }
  return current.includes(accept);
}

function closure(states: readonly State[], from: number[]): number[] {
  const seen = new Uint8Array(states.length);
  const stack = [...from];
  const result: number[] = [];
  while (stack.length > 0) {
    const index = stack.pop() as number;
    if (seen[index]) continue;
    seen[index] = 1;
    result.push(index);
    for (const to of (states[index] as State).next) if (!seen[to]) stack.push(to);
  }
  return result;
}

/** `{a,b}` and `{1..3}` expanded, at most MAX_EXPANSIONS alternatives in all. */
export function expandBraces(pattern: string): string[] {
  const out: string[] = [];
  const pending = [pattern];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    const brace = findBrace(current);
    if (!brace || out.length + pending.length >= MAX_EXPANSIONS) {
      out.push(current);
      continue;
    }
    const before = current.slice(0, brace.open);
    const after = current.slice(brace.close + 1);
    for (const option of brace.options.slice(0, MAX_EXPANSIONS).reverse())
      pending.push(before + option + after);
  }
  return out;
}

function findBrace(pattern: string): { open: number; close: number; options: string[] } | null {
  for (let open = 0; open < pattern.length; open++) {
    if (pattern[open] === '\\') {
      open++;
      continue;
    }
    if (pattern[open] !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    for (let i = open; i < pattern.length; i++) {
      const char = pattern[i];
      if (char === '\\') {
        i++;
        continue;
      }
      if (char === '{') depth++;
      else if (char === '}' && --depth === 0) {
        const inner = pattern.slice(open + 1, i);
        if (commas.length > 0) {
          const options: string[] = [];
          let from = open + 1;
          for (const comma of commas) {
            options.push(pattern.slice(from, comma));
            from = comma + 1;
          }
          options.push(pattern.slice(from, i));
          return { open, close: i, options };
        }
        const range = /^(-?\d{1,6})\.\.(-?\d{1,6})$/.exec(inner);
        if (range) {
          const low = Number(range[1]);
          const high = Number(range[2]);
          const step = low <= high ? 1 : -1;
          const options: string[] = [];
          for (let n = low; options.length < MAX_EXPANSIONS; n += step) {
            options.push(String(n));
            if (n === high) break;
          }
          return { open, close: i, options };
        }
        break;
      } else if (char === ',' && depth === 1) commas.push(i);
    }
  }
  return null;
}
