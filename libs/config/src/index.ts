export * from './app-config.js';
export type { CapFeedConfig } from './cap-feeds.js';
export * from './config.module.js';
export * from './log-redaction.js';
export { loadEnvBlock, readEnvBlock, type EnvSource, type EnvSpec, type EnvValues, type EnvVar } from './env-block.js';
