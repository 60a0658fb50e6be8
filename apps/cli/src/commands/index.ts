import type { CliCommand } from './command.js';
import { migrateCommand } from './migrate.command.js';

export const COMMANDS: CliCommand[] = [migrateCommand];
