import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AdminUnitEntity } from './admin-unit.entity.js';

export type StationKind = 'ip-cluster' | 'commune-radio' | 'district-radio';

/** Stations that share a program: a slot may belong to a group instead of one station. */
@Entity('station_group')
@Index('ix_station_group_unit', ['unitId'])
export class StationGroupEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_station_group' })
  id!: string;

  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_station_group_unit' })
  unit?: Relation<AdminUnitEntity>;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** An IP loudspeaker cluster or a commune/district radio station. Its device token is stored hashed. */
@Entity('station')
@Check('ck_station_kind', "kind IN ('ip-cluster','commune-radio','district-radio')")
@Index('ix_station_unit', ['unitId'])
@Index('uq_station_token_hash', ['tokenHash'], { unique: true })
export class StationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_station' })
  id!: string;

  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_station_unit' })
  unit?: Relation<AdminUnitEntity>;

  @Column({ type: 'uuid', nullable: true })
  groupId!: string | null;

  @ManyToOne(() => StationGroupEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_station_group' })
  group?: Relation<StationGroupEntity>;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: StationKind;

  @Column({ type: 'text', nullable: true })
  vendor!: string | null;

  @Column({ type: 'text', nullable: true })
  location!: string | null;

  /** Villages (units) this station is heard in: a broadcast to a village reaches these stations. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  villageIds!: string[];

  @Column({ type: 'text' })
  tokenHash!: string;

  @Column({ type: 'timestamptz', nullable: true })
  lastSeenAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  lastStatus!: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A weekly program slot of one station or of a group (exactly one of the two). */
@Entity('station_slot')
@Check('ck_station_slot_owner', '(station_id IS NULL) <> (group_id IS NULL)')
@Check('ck_station_slot_times', "start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'")
@Index('ix_station_slot_station', ['stationId'])
@Index('ix_station_slot_group', ['groupId'])
export class StationSlotEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_station_slot' })
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  stationId!: string | null;

  @ManyToOne(() => StationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'station_id', foreignKeyConstraintName: 'fk_station_slot_station' })
  station?: Relation<StationEntity>;

  @Column({ type: 'uuid', nullable: true })
  groupId!: string | null;

  @ManyToOne(() => StationGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_station_slot_group' })
  group?: Relation<StationGroupEntity>;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'smallint', array: true })
  daysOfWeek!: number[];

  @Column({ type: 'text' })
  startTime!: string;

  @Column({ type: 'text' })
  endTime!: string;

  @Column({ type: 'date', nullable: true })
  validFrom!: string | null;

  @Column({ type: 'date', nullable: true })
  validUntil!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * Audio a station can play: speech rendered from a loudspeaker script (cached by text and voice)
 * or an uploaded attachment, with its measured duration. Bytes live in the file store.
 */
@Entity('loudspeaker_audio')
@Check('ck_loudspeaker_audio_status', "status IN ('pending','ready','failed')")
@Check('ck_loudspeaker_audio_source', "source IN ('tts','upload')")
@Index('uq_loudspeaker_audio_cache_key', ['cacheKey'], { unique: true })
export class LoudspeakerAudioEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_loudspeaker_audio' })
  id!: string;

  /** sha256 of engine, voice, speed and text for speech; the attachment id for an upload. */
  @Column({ type: 'text' })
  cacheKey!: string;

  @Column({ type: 'text' })
  source!: 'tts' | 'upload';

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  @Column({ type: 'text', nullable: true })
  voice!: string | null;

  /** Speech speed, -3..+3 (null for an upload). */
  @Column({ type: 'smallint', nullable: true })
  speed!: number | null;

  @Column({ type: 'uuid', nullable: true })
  attachmentId!: string | null;

  @Column({ type: 'text' })
  status!: 'pending' | 'ready' | 'failed';

  @Column({ type: 'text', nullable: true })
  storageKey!: string | null;

  @Column({ type: 'text', nullable: true })
  contentType!: string | null;

  @Column({ type: 'bigint', nullable: true })
  sizeBytes!: string | null;

  @Column({ type: 'integer', nullable: true })
  durationMs!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A placed item of a station's playlist: one per loudspeaker delivery. airsAt is the start of the
 * slot airing it was placed in (or the instant of an emergency); the order inside an airing is
 * computed when the playlist is read.
 */
@Entity('station_playlist_item')
@Index('ix_station_playlist_item_airs', ['stationId', 'airsAt'])
export class StationPlaylistItemEntity {
  /** No foreign key: delivery is partitioned by month (its key includes due_at); retention removes items with their month. */
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_station_playlist_item' })
  deliveryId!: string;


  @Column({ type: 'uuid' })
  stationId!: string;

  @ManyToOne(() => StationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'station_id', foreignKeyConstraintName: 'fk_station_playlist_item_station' })
  station?: Relation<StationEntity>;

  @Column({ type: 'uuid', nullable: true })
  slotId!: string | null;

  @ManyToOne(() => StationSlotEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'slot_id', foreignKeyConstraintName: 'fk_station_playlist_item_slot' })
  slot?: Relation<StationSlotEntity>;

  @Column({ type: 'timestamptz' })
  airsAt!: Date;

  @Column({ type: 'uuid' })
  audioId!: string;

  @ManyToOne(() => LoudspeakerAudioEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'audio_id', foreignKeyConstraintName: 'fk_station_playlist_item_audio' })
  audio?: Relation<LoudspeakerAudioEntity>;

  @Column({ type: 'text' })
  priority!: string;

  @Column({ type: 'integer' })
  durationMs!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  contentGroup!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
