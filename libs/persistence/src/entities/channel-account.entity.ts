import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AdminUnitEntity } from './admin-unit.entity.js';

export const SOCIAL_PLATFORMS = ['zalo', 'facebook'] as const;
export type SocialPlatform = (typeof SOCIAL_PLATFORMS)[number];
export const CHANNEL_ACCOUNT_STATUSES = ['active', 'needs_reconnect', 'disabled'] as const;
export type ChannelAccountStatus = (typeof CHANNEL_ACCOUNT_STATUSES)[number];

/**
 * A unit's Zalo Official Account or Facebook Page. Every `*_enc` column holds an AES-256-GCM
 * envelope (libs/domain/src/secrets), never the token itself; the API never returns them.
 */
@Entity('channel_account')
@Check('ck_channel_account_platform', "platform IN ('zalo','facebook')")
@Check('ck_channel_account_status', "status IN ('active','needs_reconnect','disabled')")
@Index('uq_channel_account_external', ['unitId', 'platform', 'externalId'], { unique: true })
@Index('ix_channel_account_expiry', ['accessExpiresAt'], { where: "platform = 'zalo' AND status = 'active'" })
export class ChannelAccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_channel_account_unit' })
  unit?: Relation<AdminUnitEntity>;

  @Column({ type: 'text' })
  platform!: SocialPlatform;

  @Column({ type: 'text' })
  name!: string;

  /** Zalo OA id or Facebook Page id. */
  @Column({ type: 'text' })
  externalId!: string;

  @Column({ type: 'text', nullable: true })
  appId!: string | null;

  @Column({ type: 'text', nullable: true })
  appSecretEnc!: string | null;

  @Column({ type: 'text' })
  accessTokenEnc!: string;

  @Column({ type: 'text', nullable: true })
  refreshTokenEnc!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  accessExpiresAt!: Date | null;

  /** Zalo: the OA may send broadcast messages to its followers. */
  @Column({ type: 'boolean', default: false })
  canBroadcast!: boolean;

  @Column({ type: 'text', default: 'active' })
  status!: ChannelAccountStatus;

  @Column({ type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastCheckedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * What a social delivery left on the platform: the post (or article) id, the marker that finds it
 * again when the outcome was unknown, the message version it carries, and whether it still waits on
 * the platform's schedule (so a cancel or a changed message can delete it).
 */
@Entity('social_post')
@Check('ck_social_post_state', "state IN ('requested','scheduled','published','deleted')")
@Index('ix_social_post_scheduled', ['broadcastId'], { where: "state = 'scheduled'" })
@Index('ix_social_post_waiting', ['scheduledFor'], { where: "state = 'scheduled'" })
export class SocialPostEntity {
  @Column({ type: 'bigint', primary: true })
  deliveryId!: string;

  @Column({ type: 'uuid' })
  broadcastId!: string;

  @Column({ type: 'uuid' })
  accountId!: string;

  @Column({ type: 'text' })
  platform!: SocialPlatform;

  @Column({ type: 'text' })
  marker!: string;

  @Column({ type: 'text', nullable: true })
  postId!: string | null;

  @Column({ type: 'text' })
  state!: 'requested' | 'scheduled' | 'published' | 'deleted';

  @Column({ type: 'timestamptz', nullable: true })
  scheduledFor!: Date | null;

  @Column({ type: 'integer', nullable: true })
  messageVersion!: number | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
