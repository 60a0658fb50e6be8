import { AuditRepository } from './audit.repository.js';
import { RefreshTokenRepository } from './refresh-token.repository.js';
import { UnitRepository } from './unit.repository.js';
import { UserRepository } from './user.repository.js';

export { AuditRepository, RefreshTokenRepository, UnitRepository, UserRepository };
export type { AuditEntry, AuditFilter, AuditRow } from './audit.repository.js';
export type { RotateOutcome } from './refresh-token.repository.js';
export type { UnitRef } from './unit.repository.js';
export type { NewUser, UserChanges, UserCredentials, UserFilter, UserProfile, UserRecord } from './user.repository.js';

/**
 * Repositories shared by several features; PersistenceModule provides them globally.
 * A repository used by one feature only is provided by that feature's module.
 */
export const REPOSITORIES = [UserRepository, RefreshTokenRepository, UnitRepository, AuditRepository];

export { BroadcastRepository } from './broadcast.repository.js';
export type { BroadcastRow, NewBroadcast, OccurrenceRow } from './broadcast.repository.js';
export { ChannelPolicyRepository } from './channel-policy.repository.js';
export type { ChannelPolicy } from './channel-policy.repository.js';
export { DeliveryRepository } from './delivery.repository.js';
export type { ClaimedDelivery, DeliveryOutcome } from './delivery.repository.js';
export { MessageContentRepository } from './message-content.repository.js';
export type { MessageState, VersionContent } from './message-content.repository.js';
export { FeedRepository } from './feed.repository.js';
export type { FeedUnit, PublicImage, PublishedMessage } from './feed.repository.js';
