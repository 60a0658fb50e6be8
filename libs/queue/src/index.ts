export * from './catalogue.js';
export * from './redis.js';
export * from './queue.module.js';
export * from './job-queue.service.js';
export * from './job-handler.js';
export * from './job-handler-check.js';
export * from './job-priority.js';
export * from './worker-heartbeat.js';
