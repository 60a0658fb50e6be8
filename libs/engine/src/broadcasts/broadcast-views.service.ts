import { Injectable } from '@nestjs/common';
import { NotFoundError, type Actor } from '#domain/index.js';
import {
  broadcastStatusNote,
  broadcastViewStatus,
  type BroadcastViewStatus,
} from '#domain/delivery/broadcast-view-status.js';
import { deliveryFailureText } from '#domain/delivery/failure-text.js';
import {
  BroadcastViewRepository,
  type BroadcastListFilter,
  type BroadcastSortField,
  type BroadcastSummaryRow,
  type DeliveryListFilter,
  type DeliveryListRow,
} from '#persistence/repositories/broadcast-view.repository.js';

/** A broadcast as officers see it: the truthful status and, when it waits or ended badly, why (instead of the facts they are read from). */
export type BroadcastSummary = Omit<BroadcastSummaryRow, keyof StatusFacts> & { status: BroadcastViewStatus; statusNote: string | null };

type StatusFacts = Pick<
  BroadcastSummaryRow,
  'storedStatus' | 'heldDueAt' | 'heldNote' | 'deferredQuietHours' | 'deferredDailyCap' | 'deferredRetrying' | 'deferredUntil'
>;

export type DeliveryView = DeliveryListRow & { failureText: string | null };

/** Officers' reads of broadcasts: the list, one broadcast, its deliveries with reasons in words. */
@Injectable()
export class BroadcastViewsService {
  constructor(private readonly views: BroadcastViewRepository) {}

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

  async deliveriesOf(actor: Actor, id: string, filter: DeliveryListFilter): Promise<{ items: DeliveryView[]; total: number }> {
    if (!(await this.views.summary(actor, id))) throw new NotFoundError('broadcast');
    const { items, total } = await this.views.deliveries(actor, id, filter);
    return { items: items.map((d) => ({ ...d, failureText: deliveryFailureText(d) })), total };
  }
}

function toSummary(row: BroadcastSummaryRow): BroadcastSummary {
  const { storedStatus, heldDueAt, heldNote, deferredQuietHours, deferredDailyCap, deferredRetrying, deferredUntil, ...rest } = row;
  const facts = {
    stored: storedStatus,
    held: heldDueAt ? { dueAt: heldDueAt, note: heldNote } : null,
    deferred: deferredUntil ? { quietHours: deferredQuietHours, dailyCap: deferredDailyCap, retrying: deferredRetrying, until: deferredUntil } : null,
    timeZone: row.timeZone,
  };
  return { ...rest, status: broadcastViewStatus(facts), statusNote: broadcastStatusNote(facts) };
}
