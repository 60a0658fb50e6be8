import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The reports' outbox for occurrences, broadcasts and messages: one row per change of a counted fact,
 * written by the triggers of migration 1795440000000 (never by application code) and deleted by the
 * rollup in the transaction that counts it. Deliveries have their own, aggregated outbox (below).
 */
@Entity('report_settlement')
@Check('ck_report_settlement_fact', "fact IN ('occurrence','broadcast','message')")
@Check('ck_report_settlement_sign', 'sign IN (-1, 1)')
export class ReportSettlementEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_report_settlement' })
  seq!: string;

  @Column({ type: 'text' }) fact!: 'occurrence' | 'broadcast' | 'message';
  /** 'run' or 'approved'. */
  @Column({ type: 'text' }) bucket!: string;
  @Column({ type: 'smallint' }) sign!: 1 | -1;
  @Column({ type: 'uuid', nullable: true }) occurrenceId!: string | null;
  @Column({ type: 'uuid', nullable: true }) broadcastId!: string | null;
  @Column({ type: 'uuid', nullable: true }) messageId!: string | null;
  @Column({ type: 'integer', nullable: true }) versionNo!: number | null;
  /** When the fact happened, for facts not dated by an occurrence (a message's approval). */
  @Column({ type: 'timestamptz', nullable: true }) factAt!: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
}

/**
 * The deliveries' outbox, written by the triggers of migration 1795460000000: per engine statement, the
 * net number of deliveries that entered or left a counted state, by occurrence, channel and unit
 * reached (null: the broadcast's unit), and the net airtime of loudspeaker items played.
 */
@Entity('report_delivery_count')
export class ReportDeliveryCountEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_report_delivery_count' })
  seq!: string;

  @Column({ type: 'uuid' }) occurrenceId!: string;
  @Column({ type: 'text' }) channel!: string;
  @Column({ type: 'uuid', nullable: true }) unitId!: string | null;
  /** A delivery's counted state ('opted-out' for a skip by opt-out). */
  @Column({ type: 'text' }) bucket!: string;
  @Column({ type: 'integer' }) n!: number;
  @Column({ type: 'bigint', default: 0 }) airtimeMs!: string;
}

/** An SMS delivery entering (+1) or leaving (−1) the reached states sent/delivered: the citizens reached. */
@Entity('report_reach_change')
@Check('ck_report_reach_change_sign', 'sign IN (-1, 1)')
export class ReportReachChangeEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_report_reach_change' })
  seq!: string;

  @Column({ type: 'uuid' }) occurrenceId!: string;
  @Column({ type: 'uuid', nullable: true }) unitId!: string | null;
  @Column({ type: 'uuid' }) subscriberId!: string;
  @Column({ type: 'smallint' }) sign!: 1 | -1;
}

/** Counters by local day × unit reached × content group × channel ('' for facts of no channel) × priority. */
@Entity('report_daily')
@Index('ix_report_daily_unit_day', ['unitId', 'day'])
export class ReportDailyEntity {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_report_daily' }) day!: string;
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_report_daily' }) unitId!: string;
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_report_daily' }) contentGroup!: string;
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_report_daily' }) channel!: string;
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_report_daily' }) priority!: string;
  @Column({ type: 'integer', default: 0 }) messagesApproved!: number;
  @Column({ type: 'integer', default: 0 }) broadcastsRun!: number;
  @Column({ type: 'integer', default: 0 }) occurrencesRun!: number;
  @Column({ type: 'integer', default: 0 }) sent!: number;
  @Column({ type: 'integer', default: 0 }) delivered!: number;
  @Column({ type: 'integer', default: 0 }) undelivered!: number;
  @Column({ type: 'integer', default: 0 }) failed!: number;
  @Column({ type: 'integer', default: 0 }) unknown!: number;
  @Column({ type: 'integer', default: 0 }) cancelled!: number;
  @Column({ type: 'integer', default: 0 }) skipped!: number;
  @Column({ type: 'integer', default: 0 }) optedOut!: number;
  @Column({ type: 'bigint', default: 0 }) smsParts!: string;
  @Column({ type: 'bigint', default: 0 }) smsCostVnd!: string;
  @Column({ type: 'integer', default: 0 }) loudspeakerPlays!: number;
  @Column({ type: 'bigint', default: 0 }) airtimeMs!: string;
  @Column({ type: 'integer', default: 0 }) boardShowings!: number;
  @Column({ type: 'integer', default: 0 }) socialPosts!: number;
  /** A broadcast once per channel it uses, on that channel's row (broadcastsRun is on the row of no channel). */
  @Column({ type: 'integer', default: 0 }) broadcastsOnChannel!: number;
}

/**
 * A citizen reached by SMS on a day in a unit by a message of a content group; n is net (a "sent"
 * later undelivered goes back to 0). Count DISTINCT subscriber_id: one citizen may have several rows.
 */
@Entity('report_reach')
export class ReportReachEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_report_reach' }) unitId!: string;
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_report_reach' }) day!: string;
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_report_reach' }) subscriberId!: string;
  @PrimaryColumn({ type: 'text', default: '', primaryKeyConstraintName: 'pk_report_reach' }) contentGroup!: string;
  @Column({ type: 'integer' }) n!: number;
  /** Scratch for the rollup's upsert: whether the row was live (n > 0) before the statement that last wrote it. */
  @Column({ type: 'boolean', default: false }) liveBefore!: boolean;
}

/** The SMS parts of an occurrence's text, computed once by the rollup with the domain's smsSegments. */
@Entity('report_sms_parts')
export class ReportSmsPartsEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_report_sms_parts' }) occurrenceId!: string;
  @Column({ type: 'integer' }) parts!: number;
}

/** One row: how far the rollup has consumed, and when it last ran or was rebuilt. */
@Entity('report_rollup_state')
@Check('ck_report_rollup_state_single', 'id = 1')
export class ReportRollupStateEntity {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_report_rollup_state' }) id!: number;
  @Column({ type: 'bigint', default: 0 }) lastSeq!: string;
  @Column({ type: 'bigint', default: 0 }) consumed!: string;
  @Column({ type: 'timestamptz', nullable: true }) rolledAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) rebuiltAt!: Date | null;
}
