import { Check, Column, JoinColumn, ManyToOne, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MessageEntity } from './message.entity.js';
import type { Audience, ContentGroup, Priority, ReformArea, ReformIndex } from '#domain/index.js';
import { messageSearchSql } from '../vietnamese-search.js';

export interface Renditions {
  sms?: string;
  loudspeaker?: string;
  social?: string;
  board?: { title: string; body: string };
}

/** One immutable version of a message's content. Every edit inserts a new row. */
@Check('ck_message_version_priority', "priority IN ('normal','priority','emergency')")
@Entity('message_version')
@Index('uq_message_version', ['messageId', 'versionNo'], { unique: true })
@Index('ix_message_version_search', { synchronize: false })
export class MessageVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  messageId!: string;

  @ManyToOne(() => MessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: Relation<MessageEntity>;

  @Column({ type: 'integer' })
  versionNo!: number;

  @Column({ type: 'uuid' })
  authorId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Index('ix_message_version_content_group')
  @Column({ type: 'text' })
  contentGroup!: ContentGroup;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  reformAreas!: ReformArea[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  indices!: ReformIndex[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  audiences!: Audience[];

  @Column({ type: 'text' })
  priority!: Priority;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  renditions!: Renditions;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  attachmentIds!: string[];

  /** Title and body folded for search, computed by Postgres on every write (trigram-indexed). */
  @Column({ type: 'text', generatedType: 'STORED', asExpression: messageSearchSql(), insert: false, update: false, select: false })
  searchText!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
