import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The pure core reads data and returns data: the disk, processes and the runner belong to the
// front doors and sources.
const IMPURE = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'child_process',
  'node:child_process',
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'build/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    files: [
      'src/parse/**',
      'src/rules/**',
      'src/report/**',
      'src/config/**',
      'src/engine.ts',
      'src/compare.ts',
      'src/fix.ts',
      'src/scaffold.ts',
      'src/types.ts',
      'src/status.ts',
      'src/text.ts',
      'src/pull-request.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: IMPURE.map((name) => ({
            name,
            message: 'The core is pure: pass data in from a source.',
          })),
          patterns: [{ group: ['@actions/*'], message: 'The core knows nothing of the runner.' }],
        },
      ],
    },
  },
);
