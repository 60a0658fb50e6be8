import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { displayNameProblems, normalizeDisplayName, normalizeUsername, passwordProblems, usernameProblems } from '#domain/index.js';
import { AuditRepository, createDataSource, UserRepository } from '#persistence/index.js';
import { PasswordHasher } from '#services/auth/password-hasher.js';
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
    const displayName = normalizeDisplayName(values.name ?? username);
    const password = process.env.TINCOSO_ADMIN_PASSWORD ?? (await ask('Mật khẩu (≥ 10 ký tự): '));
    const problems = [...usernameProblems(username), ...displayNameProblems(displayName), ...passwordProblems(password, { username })];
    if (problems.length) throw new Error(problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
    const db = await createDataSource(config.databaseUrl).initialize();
    try {
      const [source, code] = values.unit.includes(':') ? values.unit.split(':') : [null, null];
      const [unit] = source
        ? await db.query(`SELECT id, full_name, path::text AS path FROM admin_unit WHERE source = $1 AND code = $2`, [source, code])
        : await db.query(`SELECT id, full_name, path::text AS path FROM admin_unit WHERE id::text = $1`, [values.unit]);
      if (!unit) throw new Error(`unit ${values.unit} not found (import the units first)`);
      const hash = await new PasswordHasher().hash(password);
      // The same insert and audit row as POST /api/v1/users, with no actor: the installation made it.
      await db.transaction(async (tx) => {
        const id = await new UserRepository(db).insert(
          { username, displayName, passwordHash: hash, role: 'admin', unitId: unit.id, createdBy: null },
          tx,
        );
        await new AuditRepository(db).append(
          { actorId: null, unitId: unit.id, unitPath: unit.path, entityType: 'user', entityId: id, action: 'create', data: { username, displayName, role: 'admin', unitId: unit.id, via: 'cli' } },
          tx,
        );
      });
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
