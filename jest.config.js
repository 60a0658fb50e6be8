/** One Jest run covers unit (*.spec.ts), integration (*.int-spec.ts) and end-to-end (*.e2e-spec.ts) tests. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^#(domain|config|persistence|queue|engine|services)/(.*)\\.js$': '<rootDir>/libs/$1/src/$2',
    '^#(sms|loudspeaker|board|social)/(.*)\\.js$': '<rootDir>/libs/channels/$1/src/$2',
    '^#channels/(.*)\\.js$': '<rootDir>/libs/channels/registry/src/$1',
    '^#emergencies/(.*)\\.js$': '<rootDir>/libs/emergencies/src/$1',
    '^#metrics/(.*)\\.js$': '<rootDir>/libs/metrics/src/$1',
    '^#test/(.*)\\.js$': '<rootDir>/test/support/$1',
    '^#fakes/(.*)\\.js$': '<rootDir>/test/fakes/$1',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.{spec,int-spec,e2e-spec}.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  testSequencer: '<rootDir>/test/support/sequencer.mjs',
  testTimeout: 60000,
  maxWorkers: 2,
};
