import { Injectable } from '@nestjs/common';
import { assertCanReadAudit, type Actor } from '../../../domain/src/index.js';
import { AuditRepository, type AuditFilter, type AuditRow } from '../../../persistence/src/index.js';

/** The append-only log of the caller's subtree, for its supervisors and administrators. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  list(actor: Actor, filter: AuditFilter): Promise<{ items: AuditRow[]; total: number }> {
    assertCanReadAudit(actor);
    return this.audit.list(actor, filter);
  }
}
