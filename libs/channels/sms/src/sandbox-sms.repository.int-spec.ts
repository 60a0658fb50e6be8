import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { createDataSource } from '#persistence/data-source.js';
import { createTestDatabase } from '#test/test-database.js';
import { SandboxSmsRepository } from './sandbox-sms.repository.js';

describe('SandboxSmsRepository against Postgres', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let repo: SandboxSmsRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDataSource(database.url).initialize();
    repo = new SandboxSmsRepository(db);
    for (let i = 1; i <= 12; i += 1) await repo.record({ providerMessageId: `sbx-${i}`, to: '+84912345678', body: `Tin ${i}` });
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('lists the newest first by numeric id, so message 12 comes before message 9', async () => {
    const page = await repo.list({ limit: 5, offset: 0 });
    expect(page.total).toBe(12);
    expect(page.items.map((m) => m.body)).toEqual(['Tin 12', 'Tin 11', 'Tin 10', 'Tin 9', 'Tin 8']);
    const next = await repo.list({ limit: 5, offset: 10 });
    expect(next.items.map((m) => m.body)).toEqual(['Tin 2', 'Tin 1']);
  });
});
