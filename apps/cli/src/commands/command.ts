import type { AppConfig } from '../../../../libs/config/src/index.js';

export interface CliCommand {
  name: string;
  summary: string;
  run(config: AppConfig, args: string[]): Promise<void>;
}
