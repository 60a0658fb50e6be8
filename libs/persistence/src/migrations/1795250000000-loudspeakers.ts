import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Loudspeaker stations, groups, weekly slots, rendered/uploaded audio and placed playlist items. */
export class Loudspeakers1795250000000 implements MigrationInterface {
  name = 'Loudspeakers1795250000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "station_group" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "unit_id" uuid NOT NULL,
      "name" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_station_group" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_station_group_unit" ON "station_group" ("unit_id")`);
    await q.query(`CREATE TABLE "station" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "unit_id" uuid NOT NULL,
      "group_id" uuid,
      "name" text NOT NULL,
      "kind" text NOT NULL,
      "vendor" text,
      "location" text,
      "village_ids" uuid array NOT NULL DEFAULT '{}',
      "token_hash" text NOT NULL,
      "last_seen_at" TIMESTAMP WITH TIME ZONE,
      "last_status" jsonb,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "ck_station_kind" CHECK (kind IN ('ip-cluster','commune-radio','district-radio')),
      CONSTRAINT "pk_station" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_station_unit" ON "station" ("unit_id")`);
    await q.query(`CREATE UNIQUE INDEX "uq_station_token_hash" ON "station" ("token_hash")`);
    await q.query(`CREATE TABLE "station_slot" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "station_id" uuid,
      "group_id" uuid,
      "label" text NOT NULL,
      "days_of_week" smallint array NOT NULL,
      "start_time" text NOT NULL,
      "end_time" text NOT NULL,
      "valid_from" date,
      "valid_until" date,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "ck_station_slot_owner" CHECK ((station_id IS NULL) <> (group_id IS NULL)),
      CONSTRAINT "ck_station_slot_times" CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      CONSTRAINT "pk_station_slot" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_station_slot_station" ON "station_slot" ("station_id")`);
    await q.query(`CREATE INDEX "ix_station_slot_group" ON "station_slot" ("group_id")`);
    await q.query(`CREATE TABLE "loudspeaker_audio" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "cache_key" text NOT NULL,
      "source" text NOT NULL,
      "text" text,
      "voice" text,
      "attachment_id" uuid,
      "status" text NOT NULL,
      "storage_key" text,
      "content_type" text,
      "size_bytes" bigint,
      "duration_ms" integer,
      "error" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "ck_loudspeaker_audio_status" CHECK (status IN ('pending','ready','failed')),
      CONSTRAINT "ck_loudspeaker_audio_source" CHECK (source IN ('tts','upload')),
      CONSTRAINT "pk_loudspeaker_audio" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_loudspeaker_audio_cache_key" ON "loudspeaker_audio" ("cache_key")`);
    await q.query(`CREATE TABLE "station_playlist_item" (
      "delivery_id" bigint NOT NULL,
      "station_id" uuid NOT NULL,
      "slot_id" uuid,
      "airs_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "audio_id" uuid NOT NULL,
      "priority" text NOT NULL,
      "duration_ms" integer NOT NULL,
      "title" text NOT NULL,
      "content_group" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_station_playlist_item" PRIMARY KEY ("delivery_id"))`);
    await q.query(`CREATE INDEX "ix_station_playlist_item_airs" ON "station_playlist_item" ("station_id", "airs_at")`);
    const fks: [string, string, string, string, string][] = [
      ['station_group', 'fk_station_group_unit', 'unit_id', 'admin_unit', 'RESTRICT'],
      ['station', 'fk_station_unit', 'unit_id', 'admin_unit', 'RESTRICT'],
      ['station', 'fk_station_group', 'group_id', 'station_group', 'SET NULL'],
      ['station_slot', 'fk_station_slot_station', 'station_id', 'station', 'CASCADE'],
      ['station_slot', 'fk_station_slot_group', 'group_id', 'station_group', 'CASCADE'],
      ['station_playlist_item', 'fk_station_playlist_item_delivery', 'delivery_id', 'delivery', 'CASCADE'],
      ['station_playlist_item', 'fk_station_playlist_item_station', 'station_id', 'station', 'CASCADE'],
      ['station_playlist_item', 'fk_station_playlist_item_slot', 'slot_id', 'station_slot', 'SET NULL'],
      ['station_playlist_item', 'fk_station_playlist_item_audio', 'audio_id', 'loudspeaker_audio', 'RESTRICT'],
    ];
    for (const [table, name, column, target, onDelete] of fks) {
      await q.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id") ON DELETE ${onDelete} ON UPDATE NO ACTION`,
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "station_playlist_item"`);
    await q.query(`DROP TABLE "loudspeaker_audio"`);
    await q.query(`DROP TABLE "station_slot"`);
    await q.query(`DROP TABLE "station"`);
    await q.query(`DROP TABLE "station_group"`);
  }
}
