import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface StationAudio {
  id: string;
  cacheKey: string;
  source: 'tts' | 'upload';
  text: string | null;
  voice: string | null;
  /** Speech speed, -3..+3; null for an upload. */
  speed: number | null;
  attachmentId: string | null;
  status: 'pending' | 'ready' | 'failed';
  storageKey: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  durationMs: number | null;
  error: string | null;
}

const COLUMNS = `id, cache_key AS "cacheKey", source, text, voice, speed, attachment_id AS "attachmentId", status,
  storage_key AS "storageKey", content_type AS "contentType", size_bytes::float8 AS "sizeBytes",
  duration_ms AS "durationMs", error`;

/** Loudspeaker audio (rendered speech or measured uploads), keyed by a cache key so each is made once. */
@Injectable()
export class StationAudioRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The row for this cache key, created 'pending' when it does not exist yet. */
  async findOrCreate(input: {
    cacheKey: string;
    source: 'tts' | 'upload';
    text?: string;
    voice?: string;
    speed?: number;
    /** For an upload: the attachment and where its bytes are, so the worker needs no scoped read. */
    attachmentId?: string;
    storageKey?: string;
    contentType?: string;
  }): Promise<StationAudio> {
    await this.db.query(
      `INSERT INTO loudspeaker_audio (cache_key, source, text, voice, speed, attachment_id, storage_key, content_type, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending') ON CONFLICT (cache_key) DO NOTHING`,
      [input.cacheKey, input.source, input.text ?? null, input.voice ?? null, input.speed ?? null, input.attachmentId ?? null, input.storageKey ?? null, input.contentType ?? null],
    );
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM loudspeaker_audio WHERE cache_key = $1`, [input.cacheKey]);
    return row;
  }

  async findById(id: string): Promise<StationAudio | null> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM loudspeaker_audio WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async markReady(id: string, file: { storageKey: string; contentType: string; sizeBytes: number; durationMs: number }): Promise<void> {
    await this.db.query(
      `UPDATE loudspeaker_audio SET status = 'ready', storage_key = $2, content_type = $3, size_bytes = $4, duration_ms = $5, error = NULL
        WHERE id = $1`,
      [id, file.storageKey, file.contentType, file.sizeBytes, file.durationMs],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db.query(`UPDATE loudspeaker_audio SET status = 'failed', error = $2 WHERE id = $1`, [id, error.slice(0, 1000)]);
  }

  /** A failed render asked for again goes back to pending. */
  async retryFailed(id: string): Promise<void> {
    await this.db.query(`UPDATE loudspeaker_audio SET status = 'pending', error = NULL WHERE id = $1 AND status = 'failed'`, [id]);
  }
}
