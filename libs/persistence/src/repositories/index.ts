import { AuditRepository } from './audit.repository.js';
import { RefreshTokenRepository } from './refresh-token.repository.js';
import { UnitRepository } from './unit.repository.js';
import { UserRepository } from './user.repository.js';

export { AuditRepository, RefreshTokenRepository, UnitRepository, UserRepository };
export type { AuditEntry, AuditFilter, AuditRow } from './audit.repository.js';
export type { RotateOutcome } from './refresh-token.repository.js';
export type { UnitRef } from './unit.repository.js';
export type { UserCredentials } from './user.repository.js';

/**
 * Repositories shared by several features; PersistenceModule provides them globally.
 * A repository used by one feature only is provided by that feature's module.
 */
export const REPOSITORIES = [UserRepository, RefreshTokenRepository, UnitRepository, AuditRepository];
