/** One Jest run covers unit (*.spec.ts), integration (*.int-spec.ts) and end-to-end (*.e2e-spec.ts) tests. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.{spec,int-spec,e2e-spec}.ts'],
  globalSetup: '<rootDir>/libs/testing/global-setup.mjs',
  testTimeout: 60000,
  maxWorkers: 2,
};
