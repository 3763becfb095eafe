// A folder made of the real ksqlDB proposals repeated and renumbered to `count` KLIPs, built at
// benchmark time from ../shared and never committed: the shapes, sizes and quirks of real files.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PROPOSAL = /^klip-(\d+)-(.*)\.md$/;

/** Writes `count` proposals, the template and an index under `root/design-proposals`. */
export function repeatCorpus(corpus, root, count) {
  const sources = readdirSync(corpus)
    .filter((name) => PROPOSAL.test(name))
    .sort((a, b) => Number(PROPOSAL.exec(a)[1]) - Number(PROPOSAL.exec(b)[1]))
    .map((name) => ({
      slug: PROPOSAL.exec(name)[2],
      text: readFileSync(join(corpus, name), 'utf8'),
    }));
  const folder = join(root, 'design-proposals');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'klip-template.md'), readFileSync(join(corpus, 'klip-template.md')));
  const rows = [];
  for (let number = 1; number <= count; number++) {
    const source = sources[(number - 1) % sources.length];
    const name = `klip-${number}-${source.slug}.md`;
    // The title keeps its own form; only its number moves.
    const text = source.text.replace(/^(\uFEFF?\s*#\s*KLIP[\s-]*)\d+/m, `$1${number}`);
    writeFileSync(join(folder, name), text);
    const status = /\*\*Status\*\*:\s*([^|\n]*)/.exec(text)?.[1].trim() || 'Proposal';
    rows.push(`| [KLIP-${number}](${encodeURI(name)}) | ${status} | | | |`);
  }
  writeFileSync(
    join(folder, 'README.md'),
    [
      '# Design proposals',
      '',
      `Next KLIP number: **${count + 1}**`,
      '',
      '| KLIP | Status | Community Release | CP Release | Discussion PR |',
      '|---|:---:|:---:|:---:|---|',
      ...rows,
      '',
    ].join('\n'),
  );
  return folder;
}
