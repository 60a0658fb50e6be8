import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AdminUnitEntity } from './admin-unit.entity.js';
import { UserEntity } from './user.entity.js';

/**
 * The voice and speed a unit's loudspeaker speech is read in, per speech engine (voice ids belong
 * to an engine, so switching TTS_ENGINE neither breaks nor loses a unit's choice). Units without a
 * row take their nearest ancestor's, else the deployment default. Owned by the loudspeaker package.
 */
@Entity('unit_speech_setting')
@Check('ck_unit_speech_setting_speed', 'speed BETWEEN -3 AND 3')
export class UnitSpeechSettingEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_unit_speech_setting' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_unit_speech_setting_unit' })
  unit?: Relation<AdminUnitEntity>;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_unit_speech_setting' })
  engine!: string;

  @Column({ type: 'text' })
  voice!: string;

  @Column({ type: 'smallint', default: 0 })
  speed!: number;

  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'fk_unit_speech_setting_updated_by' })
  updater?: Relation<UserEntity>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
