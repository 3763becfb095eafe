import { ConfigError, parseConfig } from '../src/config/load.js';

const error = (text: string): ConfigError => {
  try {
    parseConfig(text, '.github/klip-lint.yml');
  } catch (caught) {
    if (caught instanceof ConfigError) return caught;
    throw caught;
  }
  throw new Error('no error');
};

describe('the configuration file', () => {
  it('reads every key', () => {
    const config = parseConfig(
      [
        'path: docs/klips',
        'statuses:',
        '  end: [Merged, Rejected, Withdrawn, Superseded, Parked]',
        '  transitions:',
        '    In Discussion: [Merged]',
        'rules:',
        '  release-target: off',
        '  section-missing:',
        '    severity: error',
        '    options:',
        '      optional: [LOEs and Delivery Milestones]',
        'ignore:',
        '  files: ["klip-6-*.md"]',
        '  numbers: [55]',
        'baseline:',
        '  from: 40',
        '  rules: [section-missing]',
        'approvals:',
        '  Design Approved: 3',
      ].join('\n'),
      '.github/klip-lint.yml',
    );
    expect(config.path).toBe('docs/klips');
    expect(config.rules).toEqual({
      'release-target': { severity: 'off' },
      'section-missing': {
        severity: 'error',
        options: { optional: ['LOEs and Delivery Milestones'] },
      },
    });
    expect(config.vocabulary.statuses.find((status) => status.name === 'Parked')).toEqual({
      name: 'Parked',
      aliases: [],
      end: true,
      branch: true,
    });
    expect(config.vocabulary.transitions).toEqual({ 'In Discussion': ['Merged'] });
    expect(config.ignore).toEqual({ files: ['klip-6-*.md'], numbers: [55] });
    expect(config.baseline).toEqual({ from: 40, rules: ['section-missing'] });
    expect(config.approvals).toEqual({ 'Design Approved': 3 });
  });

  it.each([
    [
      'rules:\n  section-mising: off\n',
      2,
      3,
      'rules: "section-mising" is not a rule id; did you mean "section-missing"? The rules are listed in docs/rules/.',
    ],
    [
      'rules:\n  section-missing: fatal\n',
      2,
      20,
      'rules.section-missing: "fatal" is not allowed; use one of off, notice, warning, error.',
    ],
    [
      'rules:\n  section-missing:\n    severty: error\n',
      3,
      5,
      'rules.section-missing: unknown key "severty"; allowed: severity, options.',
    ],
    [
      'paths: x\n',
      1,
      1,
      'the file: unknown key "paths"; allowed: path, template, index, statuses, rules, ignore, baseline, approvals, reviewers, sections, placeholders, stale-days.',
    ],
    ['ignore:\n  numbers: [one]\n', 2, 13, 'ignore.numbers.0: must be an integer.'],
    ['baseline:\n  rules: [title-format]\n', 2, 3, 'baseline: the key "from" is required.'],
    [
      'statuses:\n  aliases:\n    Done: Merge\n',
      3,
      11,
      'statuses.aliases.Done: "Merge" is not a status of the vocabulary (did you mean "Merged"?); the statuses are Proposal, In Discussion, Design Approved, In Development, Merged, Rejected, Withdrawn, Superseded.',
    ],
    ['rules: [\n', 2, 1, 'not valid YAML: '],
  ])('reports %j at its line and key', (text, line, column, message) => {
    const found = error(text);
    expect([found.file, found.line, found.column]).toEqual(['.github/klip-lint.yml', line, column]);
    expect(found.reason.startsWith(message)).toBe(true);
  });
});

describe('reviewers', () => {
  it('takes GitHub logins, with or without @, and refuses anything else at its line', () => {
    expect(
      parseConfig('reviewers: ["@alice", bob-2]\n', '.github/klip-lint.yml').reviewers,
    ).toEqual(['alice', 'bob-2']);
    expect(parseConfig('path: x\n', '.github/klip-lint.yml').reviewers).toBeUndefined();
    expect(() => parseConfig('reviewers:\n  - "not a login"\n', '.github/klip-lint.yml')).toThrow(
      /reviewers/,
    );
  });
});
