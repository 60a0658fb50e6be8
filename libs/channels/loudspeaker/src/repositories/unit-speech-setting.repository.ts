import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface SpeechSetting {
  voice: string;
  speed: number;
}

/** A setting as it applies to a unit: its own, or the nearest ancestor's (`unitId` says whose). */
export interface InheritedSpeechSetting extends SpeechSetting {
  unitId: string;
  unitName: string;
}

/**
 * The voice and speed per unit and engine (unit_speech_setting). Reads for a caller go through a
 * unit already found in the caller's subtree (UnitRepository.findInScope); the worker's read by
 * message needs no scope.
 */
@Injectable()
export class UnitSpeechSettingRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async own(unitId: string, engine: string): Promise<SpeechSetting | null> {
    const rows = await this.db.query(`SELECT voice, speed FROM unit_speech_setting WHERE unit_id = $1 AND engine = $2`, [unitId, engine]);
    return rows[0] ?? null;
  }

  /** The setting of the unit or its nearest ancestor that has one for this engine. */
  async effectiveForUnit(unitId: string, engine: string): Promise<InheritedSpeechSetting | null> {
    return this.nearest(`SELECT path FROM admin_unit WHERE id = $1`, [unitId, engine]);
  }

  /** The setting a message's loudspeaker speech is read with: its unit's, inherited as above. */
  async effectiveForMessage(messageId: string, engine: string): Promise<InheritedSpeechSetting | null> {
    return this.nearest(`SELECT u.path FROM message m JOIN admin_unit u ON u.id = m.unit_id WHERE m.id = $1`, [messageId, engine]);
  }

  async save(unitId: string, engine: string, setting: SpeechSetting, userId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO unit_speech_setting (unit_id, engine, voice, speed, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (unit_id, engine) DO UPDATE SET voice = EXCLUDED.voice, speed = EXCLUDED.speed, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [unitId, engine, setting.voice, setting.speed, userId],
    );
  }

  async remove(unitId: string, engine: string): Promise<void> {
    await this.db.query(`DELETE FROM unit_speech_setting WHERE unit_id = $1 AND engine = $2`, [unitId, engine]);
  }

  /** `target` selects the unit's path from $1; ancestors are the units whose path contains it. */
  private async nearest(target: string, params: [string, string]): Promise<InheritedSpeechSetting | null> {
    const rows = await this.db.query(
      `WITH target AS (${target})
       SELECT s.voice, s.speed, a.id AS "unitId", a.name AS "unitName"
         FROM target t
         JOIN admin_unit a ON a.path @> t.path
         JOIN unit_speech_setting s ON s.unit_id = a.id AND s.engine = $2
        ORDER BY nlevel(a.path) DESC
        LIMIT 1`,
      params,
    );
    return rows[0] ?? null;
  }
}
