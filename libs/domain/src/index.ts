export * from './errors.js';
export * from './text/fold-vietnamese.js';
export * from './content/content-model.js';
export * from './messages/message-workflow.js';
export * from './access/actor.js';
export * from './access/unit-path.js';
export * from './access/permissions.js';
export * from './units/unit-kinds.js';
