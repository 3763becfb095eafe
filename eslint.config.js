import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

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
  // No import cycles under src/: the pipeline reads one way. import-x skips type-only imports;
  // __tests__/layout.test.ts checks those too.
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.js'],
          extensionAlias: { '.js': ['.ts', '.js'] },
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': [
        'error',
        { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false },
      ],
    },
  },
  {
    files: [
      'src/model/**',
      'src/parse/**',
      'src/core/**',
      'src/rules/**',
      'src/report/**',
      'src/config/**',
      'src/catalogue/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: IMPURE.map((name) => ({
            name,
            message: 'The core is pure: pass data in from a source.',
          })),
          patterns: [
            { group: ['@actions/*'], message: 'The core knows nothing of the runner.' },
            {
              // Types of a port (a Snapshot to read from) are allowed; code from the outer rings is not.
              group: [
                '**/sources/**',
                '**/action/**',
                '**/cli/**',
                '**/use-cases/**',
                '**/entry/**',
              ],
              allowTypeImports: true,
              message: 'The core does not reach out: sources, front doors and use cases call it.',
            },
          ],
        },
      ],
    },
  },
);
