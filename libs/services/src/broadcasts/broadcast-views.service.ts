import { Injectable } from '@nestjs/common';
import { NotFoundError, type Actor, type DeliveryStatus } from '../../../domain/src/index.js';
import {
  broadcastStatusNote,
  broadcastViewStatus,
  type BroadcastViewStatus,
} from '../../../domain/src/delivery/broadcast-view-status.js';
import { deliveryFailureText } from '../../../domain/src/delivery/failure-text.js';
import { DeliveryRepository, type BroadcastSchedule, type BroadcastTargets } from '../../../persistence/src/index.js';
import {
  BroadcastViewRepository,
  type BroadcastListFilter,
  type BroadcastSortField,
  type BroadcastSummaryRow,
} from '../../../persistence/src/repositories/broadcast-view.repository.js';
import type { DeliveryListRow } from '../../../persistence/src/repositories/delivery.repository.js';

/** A broadcast as officers see it: the truthful status and, when it waits or ended badly, why. */
export interface BroadcastSummary {
  id: string;
  unitId: string;
  unitName: string;
  messageId: string;
  messageVersion: number;
  messageTitle: string;
  priority: 'normal' | 'priority' | 'emergency';
  channels: string[];
  status: BroadcastViewStatus;
  statusNote: string | null;
  nextDueAt: Date | null;
  targets: BroadcastTargets;
  schedule: BroadcastSchedule;
  timeZone: string;
  smsWithoutDiacritics: boolean;
  smsMaxParts: number;
  createdBy: string;
  createdAt: Date;
  cancelledAt: Date | null;
}

export type DeliveryView = DeliveryListRow & { failureText: string | null };

export interface DeliveryFilter {
  status?: DeliveryStatus;
  channel?: string;
  failureKind?: 'permanent' | 'exhausted';
  limit: number;
  offset: number;
}

/** Officers' reads of broadcasts: the list, one broadcast, its deliveries with reasons in words. */
@Injectable()
export class BroadcastViewsService {
  constructor(
    private readonly views: BroadcastViewRepository,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async list(
    actor: Actor,
    filter: BroadcastListFilter,
    sort: { field: BroadcastSortField; direction: 'asc' | 'desc' },
    page: { limit: number; offset: number },
  ): Promise<{ items: BroadcastSummary[]; total: number }> {
    const { items, total } = await this.views.list(actor, filter, sort, page);
    return { items: items.map(toSummary), total };
  }

  async detail(actor: Actor, id: string): Promise<BroadcastSummary> {
    const row = await this.views.summary(actor, id);
    if (!row) throw new NotFoundError('broadcast');
    return toSummary(row);
  }

  async deliveriesOf(actor: Actor, id: string, filter: DeliveryFilter): Promise<{ items: DeliveryView[]; total: number }> {
    if (!(await this.views.summary(actor, id))) throw new NotFoundError('broadcast');
    const { items, total } = await this.deliveries.listByStatus(id, filter);
    return { items: items.map((d) => ({ ...d, failureText: deliveryFailureText(d) })), total };
  }
}

export function toSummary(row: BroadcastSummaryRow): BroadcastSummary {
  const facts = {
    stored: row.storedStatus,
    held: row.heldDueAt ? { dueAt: row.heldDueAt, note: row.heldNote } : null,
    deferred: row.deferredUntil
      ? { quietHours: row.deferredQuietHours, dailyCap: row.deferredDailyCap, retrying: row.deferredRetrying, until: row.deferredUntil }
      : null,
    timeZone: row.timeZone,
  };
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: row.unitName,
    messageId: row.messageId,
    messageVersion: row.messageVersion,
    messageTitle: row.messageTitle,
    priority: row.priority,
    channels: row.channels,
    status: broadcastViewStatus(facts),
    statusNote: broadcastStatusNote(facts),
    nextDueAt: row.nextDueAt,
    targets: row.targets,
    schedule: row.schedule,
    timeZone: row.timeZone,
    smsWithoutDiacritics: row.smsWithoutDiacritics,
    smsMaxParts: row.smsMaxParts,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    cancelledAt: row.cancelledAt,
  };
}
