import 'reflect-metadata';
import { ConfigError, loadConfig } from '#config/index.js';
import { COMMANDS } from './commands/index.js';

/** `node dist/apps/cli/src/main.js <command> [args]`: operations that run outside the api and worker. */
async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const list = COMMANDS.map((c) => `  ${c.name.padEnd(16)} ${c.summary}`).join('\n');
    process.stderr.write(`usage: tincoso <command>\n\ncommands:\n${list}\n`);
    process.exit(name ? 64 : 0);
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`tincoso ${command.name}: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  await command.run(config, args);
}

main().catch((error) => {
  const detail = error instanceof Error ? (process.env.DEBUG ? error.stack : error.message) : String(error);
  process.stderr.write(`tincoso: ${detail}\n`);
  process.exit(1);
});
