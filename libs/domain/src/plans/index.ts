export * from './plan-model.js';
export * from './plan-rules.js';
export * from './activity-rules.js';
export * from './calendar-date.js';
export * from './plan-permissions.js';
