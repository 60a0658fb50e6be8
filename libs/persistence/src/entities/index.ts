import { AdminUnitEntity } from './admin-unit.entity.js';
import { AttachmentEntity } from './attachment.entity.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { MessageVersionEntity } from './message-version.entity.js';
import { MessageEntity } from './message.entity.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { UserEntity } from './user.entity.js';

export { AdminUnitEntity, AttachmentEntity, AuditEventEntity, MessageEntity, MessageVersionEntity, RefreshTokenEntity, UserEntity };
export type { Renditions } from './message-version.entity.js';
export type { AttachmentKind } from './attachment.entity.js';

export const ENTITIES = [
  AdminUnitEntity,
  UserEntity,
  RefreshTokenEntity,
  MessageEntity,
  MessageVersionEntity,
  AttachmentEntity,
  AuditEventEntity,
];
