import type { AppConfig } from '#config/index.js';

export interface CliCommand {
  name: string;
  summary: string;
  run(config: AppConfig, args: string[]): Promise<void>;
}
