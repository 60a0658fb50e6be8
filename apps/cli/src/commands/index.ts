import type { CliCommand } from './command.js';
import { createAdminCommand } from './create-admin.command.js';
import { importUnitsCommand } from './import-units.command.js';
import { migrateCommand } from './migrate.command.js';
import { seedDemoCommand } from './seed-demo.command.js';
import { rebuildReportsCommand } from './rebuild-reports.command.js';

export const COMMANDS: CliCommand[] = [migrateCommand, importUnitsCommand, seedDemoCommand, createAdminCommand, rebuildReportsCommand];
