export * from './process-metrics.js';
export * from './exposition.js';
