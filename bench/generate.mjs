// Seeded synthetic proposals folders shaped like real ones: a template, an index and KLIPs with
// metadata, prose, lists, tables, code blocks and links, in the sizes real proposals have.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small seeded PRNG (mulberry32): the same seed gives the same folder. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SECTIONS = [
  'Motivation and background',
  'What is in scope',
  'What is not in scope',
  'Value/Return',
  'Public APIS',
  'Design',
  'Test plan',
  'LOEs and Delivery Milestones',
  'Documentation Updates',
  'Compatibility Implications',
  'Security Implications',
];
const WORDS =
  'stream table query key value topic schema join window state store partition offset record client server format column engine plan pull push'.split(
    ' ',
  );
const STATUSES = [
  'In Discussion',
  'Design Approved',
  'In Development',
  'Merged',
  '_Merged_',
  'Approved',
];

function template() {
  const fields = ['Author', 'Release Target', 'Status', 'Discussion'].map(
    (name) => `**${name}**: _${name.toLowerCase()} here_ | `,
  );
  const sections = SECTIONS.map(
    (name) =>
      `${name === 'Compatibility Implications' ? '#' : '##'} ${name}\n\n_Write about ${name.toLowerCase()}._\n`,
  );
  return [
    '# KLIP Number - Title',
    '',
    ...fields,
    '',
    '**tl;dr:** _Why, and who benefits._',
    '',
    ...sections,
  ].join('\n');
}

function sentence(next, shapes) {
  const words = Array.from(
    { length: 8 + Math.floor(next() * 14) },
    () => WORDS[Math.floor(next() * WORDS.length)],
  );
  if (next() < 0.2) words[2] = `\`${words[2]}\``;
  if (next() < 0.1)
    words[4] = `[${words[4]}](https://github.com/example/repo/pull/${Math.floor(next() * 9000)})`;
  if (shapes.emphasis && next() < 0.15)
    words[5] = next() < 0.5 ? `_${words[5]}_` : `**${words[5]}**`;
  return `${words.join(' ')}.`;
}

// Share of real proposals that use each construct at least once (measured on the ksqlDB folder:
// 47 proposals); a generated proposal draws its constructs with these chances, so the parser sees
// the mix of shapes it meets in practice, not only the plain ones its fast path reads.
const SHAPES = {
  code: 0.83,
  emphasis: 0.95,
  subheadings: 0.75,
  html: 0.5,
  orderedList: 0.36,
  nestedList: 0.3,
  table: 0.23,
  quote: 0.2,
  referenceLink: 0.05,
};

function shapesOf(next) {
  return Object.fromEntries(Object.entries(SHAPES).map(([name, share]) => [name, next() < share]));
}

const pick = (next, list) => list[Math.floor(next() * list.length)];

function block(next, shapes) {
  const kinds = ['prose', 'prose', 'prose', 'prose', 'list', 'link'];
  if (shapes.code) kinds.push('code', 'code');
  if (shapes.table) kinds.push('table');
  if (shapes.html) kinds.push('html');
  if (shapes.orderedList) kinds.push('ordered');
  if (shapes.nestedList) kinds.push('nested');
  if (shapes.quote) kinds.push('quote');
  if (shapes.referenceLink) kinds.push('reference');
  const line = () => sentence(next, shapes);
  switch (pick(next, kinds)) {
    case 'prose':
      return Array.from({ length: 2 + Math.floor(next() * 5) }, line).join(' ');
    case 'list':
      return Array.from({ length: 3 + Math.floor(next() * 5) }, () => `- ${line()}`).join('\n');
    case 'ordered':
      return Array.from(
        { length: 2 + Math.floor(next() * 5) },
        (_, i) => `${i + 1}. ${line()}`,
      ).join('\n');
    case 'nested':
      return Array.from({ length: 2 + Math.floor(next() * 3) }, () =>
        [
          `* ${line()}`,
          ...Array.from({ length: 1 + Math.floor(next() * 3) }, () => `  * ${line()}`),
        ].join('\n'),
      ).join('\n');
    case 'code': {
      const lines = Array.from(
        { length: 4 + Math.floor(next() * 12) },
        () => `SELECT ${pick(next, WORDS)} FROM t WHERE k = ${Math.floor(next() * 100)};`,
      );
      return [next() < 0.7 ? '```sql' : '```', ...lines, '```'].join('\n');
    }
    case 'table': {
      const rows = Array.from(
        { length: 3 + Math.floor(next() * 6) },
        () => `| ${pick(next, WORDS)} | ${line()} | ${Math.floor(next() * 100)} |`,
      );
      return ['| name | meaning | cost |', '|---|---|---|', ...rows].join('\n');
    }
    case 'html':
      return next() < 0.5
        ? `<details>\n<summary>${pick(next, WORDS)}</summary>\n\n${line()}\n\n</details>`
        : `${line()}<br>\n${line()} <code>${pick(next, WORDS)}</code>`;
    case 'quote':
      return Array.from({ length: 1 + Math.floor(next() * 3) }, () => `> ${line()}`).join('\n');
    case 'reference':
      return `See the [${pick(next, WORDS)} notes][notes].\n\n[notes]: https://example.com/notes/${Math.floor(next() * 100)}`;
    default:
      return `See [KLIP ${1 + Math.floor(next() * 50)}](klip-${1 + Math.floor(next() * 50)}-proposal.md) and [the docs](../docs/reference.md).`;
  }
}

function proposal(number, next) {
  const shapes = shapesOf(next);
  const status = STATUSES[Math.floor(next() * STATUSES.length)];
  const size = next() < 0.1 ? 40 : 4 + Math.floor(next() * 14);
  const sections = SECTIONS.filter(() => next() < 0.85).map((name) => {
    const blocks = Array.from({ length: 1 + Math.floor((size * next()) / 3) }, () =>
      block(next, shapes),
    );
    const sub =
      shapes.subheadings && next() < 0.4 ? `\n\n### Details\n\n${block(next, shapes)}` : '';
    return `## ${name}\n\n${blocks.join('\n\n')}${sub}\n`;
  });
  return [
    next() < 0.2 ? `# KLIP-${number}: Proposal ${number}` : `# KLIP ${number} - Proposal ${number}`,
    '',
    `**Author**: Person ${number} (@person${number}) | `,
    `**Release Target**: 0.${number % 30}.0 | `,
    `**Status**: ${status} | `,
    `**Discussion**: https://github.com/example/repo/pull/${1000 + number}`,
    '',
    `**tl;dr:** ${sentence(next, shapes)} ${sentence(next, shapes)}`,
    '',
    ...sections,
  ].join('\n');
}

/** Writes `count` proposals, the template and the index under `root/design-proposals`. */
export function generate(root, count, seed = 42) {
  const next = random(seed + count);
  const folder = join(root, 'design-proposals');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'klip-template.md'), template());
  const rows = [];
  for (let number = 1; number <= count; number++) {
    const name = `klip-${number}-proposal-${number}.md`;
    writeFileSync(join(folder, name), proposal(number, next));
    rows.push(
      `| [KLIP-${number}: Proposal ${number}](${name}) | Merged | 0.${number % 30}.0 | | |`,
    );
  }
  const header = [
    '| KLIP | Status | Community Release | CP Release | Discussion PR |',
    '|---|:---:|:---:|:---:|---|',
  ];
  writeFileSync(
    join(folder, 'README.md'),
    [`# Proposals`, '', `Next KLIP number: **${count + 1}**`, '', ...header, ...rows, ''].join(
      '\n',
    ),
  );
  return folder;
}
