import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface DeviceCounts {
  online: number;
  total: number;
}

/** The cheap counts behind the scrape-time gauges: one aggregate each, on indexed or small tables. */
@Injectable()
export class OperationsGaugeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Stations and boards seen (heartbeat or pull) within their offline limit. */
  async devices(stationOfflineAfterSeconds: number, boardOfflineAfterSeconds: number): Promise<{ station: DeviceCounts; board: DeviceCounts }> {
    const [row] = await this.db.query(
      `SELECT (SELECT count(*) FILTER (WHERE last_seen_at > now() - make_interval(secs => $1)) FROM station)::int AS station_online,
              (SELECT count(*) FROM station)::int AS station_total,
              (SELECT count(*) FILTER (WHERE last_seen_at > now() - make_interval(secs => $2)) FROM board)::int AS board_online,
              (SELECT count(*) FROM board)::int AS board_total`,
      [stationOfflineAfterSeconds, boardOfflineAfterSeconds],
    );
    return {
      station: { online: row.station_online, total: row.station_total },
      board: { online: row.board_online, total: row.board_total },
    };
  }

  /** Occurrences still pending more than `graceSeconds` after they were due (index ix_occurrence_open). */
  async lateOccurrences(graceSeconds: number): Promise<number> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS late FROM occurrence WHERE status = 'pending' AND due_at < now() - make_interval(secs => $1)`,
      [graceSeconds],
    );
    return row.late;
  }
}
