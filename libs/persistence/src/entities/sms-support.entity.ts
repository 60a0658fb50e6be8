import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** What the built-in sandbox SMS provider "sent": the demo and tests read it through the API. */
@Entity('sandbox_sms')
export class SandboxSmsEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Index('uq_sandbox_sms_provider_id', { unique: true })
  @Column({ type: 'text' })
  providerMessageId!: string;

  @Column({ type: 'text' })
  to!: string;

  @Column({ type: 'text' })
  body!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** Non-emergency SMS counted per phone and local day, for the per-subscriber daily cap. */
@Entity('sms_daily_count')
export class SmsDailyCountEntity {
  @PrimaryColumn({ type: 'text' })
  phone!: string;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ type: 'integer' })
  count!: number;
}

/** Quiet hours and caps per channel; defaults inserted by the migration, editable by admins. */
@Entity('channel_policy')
export class ChannelPolicyEntity {
  @PrimaryColumn({ type: 'text' })
  channel!: string;

  @Column({ type: 'time', nullable: true })
  quietStart!: string | null;

  @Column({ type: 'time', nullable: true })
  quietEnd!: string | null;

  @Column({ type: 'integer', nullable: true })
  dailyCap!: number | null;
}
