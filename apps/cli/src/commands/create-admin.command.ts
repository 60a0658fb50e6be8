import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { normalizeUsername, passwordProblems, usernameProblems } from '../../../../libs/domain/src/index.js';
import { createDataSource } from '../../../../libs/persistence/src/index.js';
import { PasswordHasher } from '../../../../libs/services/src/auth/password-hasher.js';
import type { CliCommand } from './command.js';

/**
 * The first admin of an installation (every later user is created through the API by an admin).
 * The password comes from TINCOSO_ADMIN_PASSWORD or is asked for, never from the command line.
 */
export const createAdminCommand: CliCommand = {
  name: 'create-admin',
  summary: 'create an admin bound to a unit: --username U --unit vn-2025:04 (or a unit id) [--name "Display name"]',
  async run(config, args) {
    const { values } = parseArgs({ args, options: { username: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' } } });
    if (!values.username || !values.unit) throw new Error('usage: create-admin --username U --unit SOURCE:CODE|UNIT_ID [--name NAME]');
    const username = normalizeUsername(values.username);
    const password = process.env.TINCOSO_ADMIN_PASSWORD ?? (await ask('Mật khẩu (≥ 10 ký tự): '));
    const problems = [...usernameProblems(username), ...passwordProblems(password, { username })];
    if (problems.length) throw new Error(problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
    const db = await createDataSource(config.databaseUrl).initialize();
    try {
      const [source, code] = values.unit.includes(':') ? values.unit.split(':') : [null, null];
      const [unit] = source
        ? await db.query(`SELECT id, full_name FROM admin_unit WHERE source = $1 AND code = $2`, [source, code])
        : await db.query(`SELECT id, full_name FROM admin_unit WHERE id::text = $1`, [values.unit]);
      if (!unit) throw new Error(`unit ${values.unit} not found (import the units first)`);
      const hash = await new PasswordHasher().hash(password);
      const rows = await db.query(
        `INSERT INTO app_user (username, display_name, password_hash, role, unit_id) VALUES ($1, $2, $3, 'admin', $4)
         ON CONFLICT (username) DO NOTHING RETURNING id`,
        [username, values.name ?? username, hash, unit.id],
      );
      if (rows.length === 0) throw new Error(`username ${username} is already taken`);
      process.stdout.write(`admin ${username} created for ${unit.full_name}\n`);
    } finally {
      await db.destroy();
    }
  },
};

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
