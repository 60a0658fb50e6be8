import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A receipt from a provider (status callback) or a device (play report), kept as received. It is
 * applied to its delivery when one matches; a receipt that arrives before the send was recorded is
 * applied when it is.
 */
@Entity('delivery_receipt')
@Index('ix_delivery_receipt_provider_message', ['provider', 'providerMessageId'])
export class DeliveryReceiptEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  provider!: string;

  @Column({ type: 'text' })
  providerMessageId!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload!: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  @Column({ type: 'bigint', nullable: true })
  deliveryId!: string | null;
}
