// Writes docs/rules/<id>.md and the README's rule table from the registry's metadata.
// `node scripts/docs.mjs --check` writes nothing and fails when either is stale (CI runs it).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

register('./ts-hooks.mjs', import.meta.url);
const { REPORTABLE } = await import('../src/rules/index.ts');
const { replaceRulesTable, rulePage, rulesTable } = await import('../src/report/rule-docs.ts');

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');
const pages = join(root, 'docs/rules');
const options = { ...(await prettier.resolveConfig(join(root, 'README.md'))), parser: 'markdown' };
const format = (text) => prettier.format(text, options);
const read = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

const wanted = new Map();
for (const entry of REPORTABLE) {
  wanted.set(join(pages, `${entry.meta.id}.md`), await format(rulePage(entry)));
}
const readmePath = join(root, 'README.md');
const readme = read(readmePath) ?? '';
const replaced = replaceRulesTable(readme, rulesTable(REPORTABLE));
if (replaced === null) {
  console.error('README.md has no rule table markers (<!-- rules-table:start ... -->).');
  process.exit(1);
}
wanted.set(readmePath, await format(replaced));

const stale = [];
for (const [path, text] of wanted) {
  if (read(path) === text) continue;
  stale.push(path);
  if (!check) writeFileSync(path, text);
}
// Pages of ids that no longer exist go.
for (const name of readdirSync(pages)) {
  const path = join(pages, name);
  if (name.endsWith('.md') && !wanted.has(path)) {
    stale.push(path);
    if (!check) rmSync(path);
  }
}
const names = stale.map((path) => path.slice(root.length));
if (check && stale.length) {
  console.error(`Stale generated docs: ${names.join(', ')}. Run 'npm run docs' and commit.`);
  process.exit(1);
}
console.log(stale.length ? `Wrote ${names.join(', ')}` : 'Docs are up to date.');
