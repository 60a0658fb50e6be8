import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import {
  ConflictError,
  findClash,
  InvalidInputError,
  isOnline,
  isWithin,
  issueDeviceToken,
  localDayBounds,
  NotFoundError,
  validateSlot,
  type Actor,
  type FieldProblem,
  type WeeklySlot,
} from '#domain/index.js';
import { AuditRepository, TransactionRunner, UnitRepository } from '#persistence/index.js';
import { StationPlaylistRepository } from './repositories/station-playlist.repository.js';
import { StationEventsPublisher } from './station-events.js';
import { noticeAfterCommit } from '#engine/devices/device-events.js';
import {
  StationRepository,
  type GroupView,
  type SlotView,
  type StationFields,
  type StationRecord,
} from './repositories/station.repository.js';

export interface StationInput extends StationFields {
  /** Defaults to the caller's unit. */
  unitId?: string;
}

export type SlotInput = Omit<WeeklySlot, 'id'> & { stationId: string | null; groupId: string | null };

/** A station as officers see it: online while its heartbeat is recent; never its unit path. */
export interface StationView extends Omit<StationRecord, 'unitPath'> {
  online: boolean;
}

/** Officers register stations, groups and weekly slots in their subtree; every change is audited. */
@Injectable()
export class StationsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly stations: StationRepository,
    private readonly playlists: StationPlaylistRepository,
    private readonly units: UnitRepository,
    private readonly audit: AuditRepository,
    private readonly events: StationEventsPublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, input: StationInput): Promise<{ station: StationView; token: string }> {
    const unit = await this.units.findInScope(actor, input.unitId ?? actor.unitId);
    if (!unit) throw new InvalidInputError([{ field: 'unitId', rule: 'in-scope', message: 'Đơn vị không tồn tại hoặc ngoài phạm vi của bạn' }]);
    await this.checkFields(actor, unit.path, input);
    const { token, hash } = issueDeviceToken('station');
    const id = await this.transactions.run(async (m) => {
      const id = await this.stations.insert(m, unit.id, input, hash);
      await this.record(m, actor, { unitId: unit.id, unitPath: unit.path }, 'station', id, 'create', { name: input.name, kind: input.kind });
      return id;
    });
    return { station: this.view(await this.mustFind(actor, id)), token };
  }

  async detail(actor: Actor, id: string): Promise<StationView & { slots: SlotView[] }> {
    const station = await this.mustFind(actor, id);
    return { ...this.view(station), slots: await this.stations.slotsOfStation(id) };
  }

  async list(actor: Actor, page: { limit: number; offset: number }): Promise<{ items: StationView[]; total: number }> {
    const { items, total } = await this.stations.list(actor, page);
    return { items: items.map((s) => this.view(s)), total };
  }

  async update(actor: Actor, id: string, fields: StationFields): Promise<StationView> {
    const station = await this.mustFind(actor, id);
    await this.checkFields(actor, station.unitPath, fields);
    await this.transactions.run(async (m) => {
      if (fields.groupId && fields.groupId !== station.groupId) {
        await this.stations.lockOwner(m, { groupId: fields.groupId });
        const own = await this.stations.sharingAirtime(m, { stationId: id, groupId: null });
        const group = await this.stations.sharingAirtime(m, { groupId: fields.groupId });
        for (const slot of own) this.refuseClash(slot, group, 'groupId');
      }
      await this.stations.update(m, id, fields);
      await this.record(m, actor, station, 'station', id, 'update', { ...fields });
    });
    return this.view(await this.mustFind(actor, id));
  }

  /** A new token replaces the old one at once; it is shown only in this answer. */
  async rotateToken(actor: Actor, id: string): Promise<{ token: string }> {
    const station = await this.mustFind(actor, id);
    const { token, hash } = issueDeviceToken('station');
    await this.transactions.run(async (m) => {
      await this.stations.setTokenHash(m, id, hash);
      await this.record(m, actor, station, 'station', id, 'rotate-token', {});
    });
    await noticeAfterCommit({ stationId: id, change: 'rotate-token' }, () => this.events.identityChanged(id));
    return { token };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const station = await this.mustFind(actor, id);
    await this.transactions.run(async (m) => {
      await this.stations.delete(m, id);
      await this.record(m, actor, station, 'station', id, 'delete', { name: station.name });
    });
    await noticeAfterCommit({ stationId: id, change: 'delete' }, () => this.events.identityChanged(id));
  }

  async createGroup(actor: Actor, input: { unitId?: string; name: string }): Promise<GroupView> {
    const unit = await this.units.findInScope(actor, input.unitId ?? actor.unitId);
    if (!unit) throw new InvalidInputError([{ field: 'unitId', rule: 'in-scope', message: 'Đơn vị không tồn tại hoặc ngoài phạm vi của bạn' }]);
    return this.transactions.run(async (m) => {
      const group = await this.stations.insertGroup(m, unit.id, input.name);
      await this.record(m, actor, { unitId: unit.id, unitPath: unit.path }, 'station-group', group.id, 'create', { name: input.name });
      return group;
    });
  }

  listGroups(actor: Actor): Promise<GroupView[]> {
    return this.stations.listGroups(actor);
  }

  async groupDetail(actor: Actor, id: string): Promise<GroupView & { slots: SlotView[] }> {
    const group = await this.stations.findGroupInScope(actor, id);
    if (!group) throw new NotFoundError('station-group');
    const { unitPath: _path, ...view } = group;
    return { ...view, slots: await this.stations.slotsOfGroup(id) };
  }

  /** Adds a weekly slot to a station or a group; one that would air at the same time as another on the same loudspeakers is refused. */
  async addSlot(actor: Actor, input: SlotInput): Promise<SlotView> {
    if ((input.stationId === null) === (input.groupId === null)) {
      throw new InvalidInputError([{ field: 'stationId', rule: 'owner', message: 'Chọn đúng một trong hai: đài (stationId) hoặc nhóm đài (groupId)' }]);
    }
    const problems = validateSlot(input, 'slot').map((p) => ({ ...p, field: p.field.replace(/^slot\./, '') }));
    if (problems.length > 0) throw new InvalidInputError(problems);
    const owner = input.stationId ? await this.mustFind(actor, input.stationId) : await this.stations.findGroupInScope(actor, input.groupId as string);
    if (!owner) throw new NotFoundError('station-group');
    return this.transactions.run(async (m) => {
      const key = input.stationId ? { stationId: input.stationId } : { groupId: input.groupId as string };
      await this.stations.lockOwner(m, key);
      const sharing = await this.stations.sharingAirtime(
        m,
        input.stationId ? { stationId: input.stationId, groupId: (owner as StationRecord).groupId } : { groupId: input.groupId as string },
      );
      this.refuseClash({ ...input, id: '' }, sharing, 'startTime');
      const slot = await this.stations.insertSlot(m, input, input);
      await this.record(m, actor, owner, 'station-slot', slot.id, 'create', { ...input });
      return slot;
    });
  }

  async removeSlot(actor: Actor, id: string): Promise<void> {
    const slot = await this.stations.findSlotInScope(actor, id);
    if (!slot) throw new NotFoundError('station-slot');
    const airing = await this.transactions.run(async (m) => {
      const stationIds = await this.playlists.stationsAiringSlot(m, id);
      await this.stations.deleteSlot(m, id);
      await this.record(m, actor, slot, 'station-slot', id, 'delete', { label: slot.label });
      return stationIds;
    });
    // Its items lose their slot (label and airing order change).
    await noticeAfterCommit({ slotId: id, change: 'remove-slot' }, () => this.events.changed(airing));
  }

  /** Minutes played to the end, per local day and content group, between two local dates (inclusive). */
  async airtime(actor: Actor, id: string, from: string, to: string) {
    const station = await this.mustFind(actor, id);
    const timeZone = station.timeZone ?? this.config.defaultTimeZone;
    const rows = await this.playlists.airtime(id, localDayBounds(from, timeZone).from, localDayBounds(to, timeZone).to, timeZone);
    const days = new Map<string, { day: string; minutes: number; byContentGroup: Record<string, number> }>();
    for (const r of rows) {
      const day = days.get(r.day) ?? { day: r.day, minutes: 0, byContentGroup: {} };
      day.minutes = Math.round((day.minutes + r.minutes) * 100) / 100;
      day.byContentGroup[r.contentGroup] = r.minutes;
      days.set(r.day, day);
    }
    const total = Math.round([...days.values()].reduce((n, d) => n + d.minutes, 0) * 100) / 100;
    return { stationId: id, timeZone, from, to, totalMinutes: total, days: [...days.values()] };
  }

  private async mustFind(actor: Actor, id: string): Promise<StationRecord> {
    const station = await this.stations.findInScope(actor, id);
    if (!station) throw new NotFoundError('station');
    return station;
  }

  private view(station: StationRecord): StationView {
    const { unitPath: _path, ...rest } = station;
    return { ...rest, online: isOnline(station.lastSeenAt, new Date(), this.config.stationOfflineAfterSeconds) };
  }

  private refuseClash(candidate: WeeklySlot, existing: SlotView[], field: string): void {
    const clash = findClash(candidate, existing);
    if (!clash) return;
    const owner = clash.groupId ? 'của nhóm đài' : 'của đài';
    throw new ConflictError(
      'station-slot.overlap',
      `Khung giờ trùng với khung "${clash.label}" ${owner} (${clash.startTime}–${clash.endTime}, ngày ${clash.daysOfWeek.join(',')})`,
      [{ field, rule: 'overlap', message: `Trùng với khung giờ "${clash.label}" (${clash.startTime}–${clash.endTime})` }],
    );
  }

  /** Villages must be units inside the station's unit; the group must be in the caller's subtree. */
  private async checkFields(actor: Actor, unitPath: string, fields: StationFields): Promise<void> {
    const problems: FieldProblem[] = [];
    const villages = await this.units.findRefs(actor, fields.villageIds);
    for (const [i, villageId] of fields.villageIds.entries()) {
      const village = villages.get(villageId);
      if (!village || !isWithin(village.path, unitPath)) {
        problems.push({ field: `villageIds[${i}]`, rule: 'village-of-unit', message: 'Thôn/tổ dân phố phải thuộc đơn vị của đài' });
      }
    }
    if (fields.groupId && !(await this.stations.findGroupInScope(actor, fields.groupId))) {
      problems.push({ field: 'groupId', rule: 'in-scope', message: 'Nhóm đài không tồn tại hoặc ngoài phạm vi của bạn' });
    }
    if (problems.length > 0) throw new InvalidInputError(problems);
  }

  private record(
    m: EntityManager,
    actor: Actor,
    where: { unitId: string; unitPath: string },
    entityType: string,
    entityId: string,
    action: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.append({ actorId: actor.userId, unitId: where.unitId, unitPath: where.unitPath, entityType, entityId, action, data }, m);
  }
}
