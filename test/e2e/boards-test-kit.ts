import { PNG } from 'pngjs';
import type supertest from 'supertest';
import type { DataSource } from 'typeorm';
import type { Priority } from '#domain/index.js';
import { createApprovedMessage } from '#test/engine-fixtures.js';
import type { TestUnit, TestUser } from '#test/fixtures.js';

type Http = ReturnType<typeof supertest>;

/** A small landscape PNG (a flag-red field with a yellow band), for a slide image. */
export function slidePng(): Buffer {
  const png = new PNG({ width: 320, height: 200 });
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (png.width * y + x) << 2;
      const band = y > 80 && y < 120;
      png.data[i] = band ? 255 : 218;
      png.data[i + 1] = band ? 205 : 37;
      png.data[i + 2] = band ? 0 : 29;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

export async function uploadImage(http: Http, auth: string): Promise<string> {
  const res = await http.post('/api/v1/attachments').set('authorization', auth).attach('file', slidePng(), 'anh-bang-tin.png');
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** An approved message (version 1) with a board slide rendition: board tests start after approval. */
export function createBoardMessage(
  db: DataSource,
  input: { unit: TestUnit; author: TestUser; approver: TestUser; title: string; body: string; priority?: Priority; imageIds?: string[] },
): Promise<string> {
  return createApprovedMessage(db, {
    unit: input.unit,
    author: input.author,
    approver: input.approver,
    title: `${input.title} (bản đầy đủ)`,
    body: input.body,
    priority: input.priority,
    renditions: { board: { title: input.title, body: input.body } },
    attachmentIds: input.imageIds,
  });
}

/** Schedules a message to the boards of the units, now; returns the broadcast id. */
export async function scheduleToBoards(http: Http, auth: string, messageId: string, unitIds: string[]): Promise<string> {
  const res = await http
    .post('/api/v1/broadcasts')
    .set('authorization', auth)
    .send({ messageId, channels: ['board'], targets: { unitIds }, schedule: { kind: 'once', at: new Date().toISOString() } });
  if (res.status !== 201) throw new Error(`schedule failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function occurrenceOf(db: DataSource, broadcastId: string): Promise<string> {
  const [{ id }] = await db.query(`SELECT id FROM occurrence WHERE broadcast_id = $1 ORDER BY due_at LIMIT 1`, [broadcastId]);
  return id;
}

export async function boardDeliveries(db: DataSource, broadcastId: string): Promise<{ endpoint: string; status: string }[]> {
  return db.query(`SELECT endpoint, status FROM delivery WHERE broadcast_id = $1 AND channel = 'board' ORDER BY endpoint`, [broadcastId]);
}
