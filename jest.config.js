import { availableParallelism } from 'node:os';

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testTimeout: 60000,
  // The tests run the sources in-process, but still wait on git, sockets and API back-offs: a
  // worker and a half per core (3 on the 2-core CI machine) keeps the cores busy meanwhile.
  maxWorkers: Math.ceil(availableParallelism() * 1.5),
  globalSetup: './scripts/dist-stamp.mjs',
};
