import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { DataSource } from 'typeorm';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import type { TestApi } from '#test/test-api.js';

/** Shared by the message and attachment end-to-end tests: unit trees, valid payloads, tiny real media files, counters. */

export interface Member {
  user: TestUser;
  auth: string;
}

async function member(api: TestApi, role: TestUser['role'], unit: TestUnit, name: string): Promise<Member> {
  const user = await createUser(api.db, { role, unit, username: `${name}-${unit.id.slice(0, 6)}` });
  return { user, auth: await bearer(api.http, user) };
}

/** province (supervisor) → district (supervisor) → commune (officer): approval goes to the district. */
export async function threeTierArea(api: TestApi, label: string) {
  const province = await createUnit(api.db, { name: `Tỉnh ${label}`, level: 'province' });
  const district = await createUnit(api.db, { name: `Huyện ${label}`, level: 'district', parent: province });
  const commune = await createUnit(api.db, { name: `Xã ${label}`, level: 'commune', parent: district });
  return {
    province,
    district,
    commune,
    provinceSupervisor: await member(api, 'supervisor', province, 'ld-tinh'),
    districtSupervisor: await member(api, 'supervisor', district, 'ld-huyen'),
    officer: await member(api, 'officer', commune, 'canbo-xa'),
  };
}

/** province (supervisor) → commune (officer), as after 1 July 2025: approval goes to the province. */
export async function twoTierArea(api: TestApi, label: string) {
  const province = await createUnit(api.db, { name: `Tỉnh ${label}`, level: 'province' });
  const commune = await createUnit(api.db, { name: `Phường ${label}`, level: 'commune', parent: province });
  return {
    province,
    commune,
    provinceSupervisor: await member(api, 'supervisor', province, 'ld-tinh'),
    officer: await member(api, 'officer', commune, 'canbo-phuong'),
  };
}

export function messagePayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Nộp hồ sơ đất đai trực tuyến tại xã',
    body: 'Từ tháng này, người dân có thể nộp hồ sơ đăng ký đất đai qua Cổng dịch vụ công quốc gia.',
    contentGroup: 'modernisation',
    reformAreas: ['administrative-procedures', 'digital-government'],
    indices: ['PAR_INDEX', 'SIPAS'],
    audiences: ['citizens'],
    priority: 'normal',
    renditions: {
      sms: 'UBND xa: nop ho so dat dai truc tuyen tai dichvucong.gov.vn',
      loudspeaker: 'Kính thưa bà con, từ tháng này bà con có thể nộp hồ sơ đất đai trực tuyến.',
      social: 'Nộp hồ sơ đất đai trực tuyến: nhanh, không phải đi lại.',
      board: { title: 'Dịch vụ công trực tuyến', body: 'Nộp hồ sơ đất đai tại dichvucong.gov.vn' },
    },
    ...overrides,
  };
}

export async function tableCounts(db: DataSource): Promise<Record<string, number>> {
  const [row] = await db.query(
    `SELECT (SELECT count(*) FROM message)::int AS message, (SELECT count(*) FROM message_version)::int AS message_version,
            (SELECT count(*) FROM attachment)::int AS attachment, (SELECT count(*) FROM audit_event)::int AS audit_event`,
  );
  return row;
}

/** Every file under the store, temp files included: a refused upload must leave none. */
export function storedFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk(root);
  return out;
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A valid PNG of width × 1 pixels; a text chunk of `padding` bytes makes it as large as a test needs. */
export function tinyPng(width = 1, padding = 0): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    ...(padding > 0 ? [pngChunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), Buffer.alloc(padding, 0x61)]))] : []),
    pngChunk('IDAT', deflateSync(row)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Three MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, 417 bytes each) of silence. */
export function tinyMp3(): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return Buffer.concat([frame, frame, frame]);
}
