export * from './entities/index.js';
export * from './data-source.js';
export * from './run-migrations.js';
export * from './persistence.module.js';
export * from './transaction-runner.js';
export * from './repositories/index.js';
