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

function sentence(next) {
  const words = Array.from(
    { length: 8 + Math.floor(next() * 14) },
    () => WORDS[Math.floor(next() * WORDS.length)],
  );
  if (next() < 0.2) words[2] = `\`${words[2]}\``;
  if (next() < 0.1)
    words[4] = `[${words[4]}](https://github.com/example/repo/pull/${Math.floor(next() * 9000)})`;
  if (next() < 0.1) words[5] = `_${words[5]}_`;
  return `${words.join(' ')}.`;
}

function block(next) {
  const kind = next();
  if (kind < 0.55)
    return Array.from({ length: 2 + Math.floor(next() * 5) }, () => sentence(next)).join(' ');
  if (kind < 0.7)
    return Array.from({ length: 3 + Math.floor(next() * 5) }, () => `- ${sentence(next)}`).join(
      '\n',
    );
  if (kind < 0.82) {
    const lines = Array.from(
      { length: 4 + Math.floor(next() * 12) },
      () =>
        `SELECT ${WORDS[Math.floor(next() * WORDS.length)]} FROM t WHERE k = ${Math.floor(next() * 100)};`,
    );
    return ['```sql', ...lines, '```'].join('\n');
  }
  if (kind < 0.92) {
    const rows = Array.from(
      { length: 3 + Math.floor(next() * 6) },
      () =>
        `| ${WORDS[Math.floor(next() * WORDS.length)]} | ${sentence(next)} | ${Math.floor(next() * 100)} |`,
    );
    return ['| name | meaning | cost |', '|---|---|---|', ...rows].join('\n');
  }
  return `See [KLIP ${1 + Math.floor(next() * 50)}](klip-${1 + Math.floor(next() * 50)}-proposal.md) and [the docs](../docs/reference.md).`;
}

function proposal(number, next) {
  const status = STATUSES[Math.floor(next() * STATUSES.length)];
  const size = next() < 0.1 ? 40 : 4 + Math.floor(next() * 14);
  const sections = SECTIONS.filter(() => next() < 0.85).map((name) => {
    const blocks = Array.from({ length: 1 + Math.floor((size * next()) / 3) }, () => block(next));
    const sub = next() < 0.3 ? `\n\n### Details\n\n${block(next)}` : '';
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
    `**tl;dr:** ${sentence(next)} ${sentence(next)}`,
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
