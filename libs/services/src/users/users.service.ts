import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  assertCanChangeUser,
  assertCanDisableUser,
  assertCanEnableUser,
  assertCanListUsers,
  assertCanManageUsers,
  assertCanResetPassword,
  assertCanViewUser,
  displayNameProblems,
  InvalidInputError,
  normalizeDisplayName,
  normalizeUsername,
  NotFoundError,
  passwordProblems,
  usernameProblems,
  type Actor,
  type Role,
} from '#domain/index.js';
import {
  AuditRepository,
  RefreshTokenRepository,
  TransactionRunner,
  UnitRepository,
  UserRepository,
  type UnitRef,
  type UserChanges,
  type UserFilter,
  type UserRecord,
} from '#persistence/index.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { toUserView, type UserView } from './user-view.js';

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  unitId: string;
}

export interface UserQuery {
  role?: Role;
  unitId?: string;
  q?: string;
  /** Only disabled (true) or only active (false) accounts. */
  disabled?: boolean;
  /** When `disabled` is not given: false (the default) lists active accounts only, true lists both. */
  includeDisabled?: boolean;
  sort: UserFilter['sort'];
  limit: number;
  offset: number;
}

/**
 * Accounts of the caller's subtree: admins create, change, disable and reset them; supervisors
 * read them. Every change is audited in the transaction that makes it; password hashes never leave
 * the repository and are computed before the transaction opens (argon2 is slow on purpose).
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly users: UserRepository,
    private readonly units: UnitRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly audit: AuditRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async create(actor: Actor, input: NewUserInput): Promise<UserView> {
    const unit = await this.mustFindUnit(actor, input.unitId);
    assertCanManageUsers(actor, unit.path);
    const username = normalizeUsername(input.username);
    const displayName = normalizeDisplayName(input.displayName);
    const problems = [
      ...usernameProblems(username),
      ...displayNameProblems(displayName),
      ...passwordProblems(input.password, { username }),
    ];
    if (problems.length) throw new InvalidInputError(problems);
    const passwordHash = await this.hasher.hash(input.password);
    return this.transactions.run(async (tx) => {
      const id = await this.users.insert({ username, displayName, passwordHash, role: input.role, unitId: unit.id, createdBy: actor.userId }, tx);
      await this.audit.append(
        {
          actorId: actor.userId,
          unitId: unit.id,
          unitPath: unit.path,
          entityType: 'user',
          entityId: id,
          action: 'create',
          data: { username, displayName, role: input.role, unitId: unit.id },
        },
        tx,
      );
      return toUserView(await this.mustFind(actor, id, tx));
    });
  }

  async list(actor: Actor, query: UserQuery): Promise<{ items: UserView[]; total: number }> {
    assertCanListUsers(actor);
    const unitPath = query.unitId === undefined ? undefined : (await this.mustFindUnit(actor, query.unitId)).path;
    const result = await this.users.list(actor, {
      role: query.role,
      unitPath,
      q: query.q,
      disabled: query.disabled ?? (query.includeDisabled ? undefined : false),
      sort: query.sort,
      limit: query.limit,
      offset: query.offset,
    });
    return { total: result.total, items: result.items.map(toUserView) };
  }

  async get(actor: Actor, userId: string): Promise<UserView> {
    const user = await this.mustFind(actor, userId);
    assertCanViewUser(actor, { userId: user.id, unitPath: user.unitPath });
    return toUserView(user);
  }

  async update(actor: Actor, userId: string, patch: UserChanges): Promise<UserView> {
    return this.transactions.run(async (tx) => {
      const user = await this.mustFind(actor, userId, tx, true);
      const movesTo = patch.unitId !== undefined && patch.unitId !== user.unitId ? await this.mustFindUnit(actor, patch.unitId, tx) : null;
      assertCanChangeUser(actor, { userId: user.id, unitPath: user.unitPath, role: user.role }, { role: patch.role, unitPath: movesTo?.path });

      const next: Required<UserChanges> = {
        displayName: patch.displayName === undefined ? user.displayName : normalizeDisplayName(patch.displayName),
        role: patch.role ?? user.role,
        unitId: movesTo?.id ?? user.unitId,
      };
      const problems = displayNameProblems(next.displayName);
      if (problems.length) throw new InvalidInputError(problems);
      const changed = (Object.keys(next) as (keyof UserChanges)[]).filter((key) => next[key] !== user[key]);
      if (changed.length === 0) return toUserView(user);

      await this.users.update(actor, user.id, Object.fromEntries(changed.map((key) => [key, next[key]])), tx);
      await this.audit.append(
        {
          actorId: actor.userId,
          unitId: movesTo?.id ?? user.unitId,
          unitPath: movesTo?.path ?? user.unitPath,
          entityType: 'user',
          entityId: user.id,
          action: 'update',
          data: { changes: Object.fromEntries(changed.map((key) => [key, { from: user[key], to: next[key] }])) },
        },
        tx,
      );
      return toUserView(await this.mustFind(actor, user.id, tx));
    });
  }

  /** Disabling ends every session: refresh tokens are revoked here, access tokens are refused by the guard. */
  async disable(actor: Actor, userId: string): Promise<UserView> {
    return this.transactions.run(async (tx) => {
      const user = await this.mustFind(actor, userId, tx, true);
      assertCanDisableUser(actor, { userId: user.id, unitPath: user.unitPath });
      const changed = await this.users.setDisabled(actor, user.id, true, tx);
      await this.refreshTokens.revokeAllForUser(user.id, tx);
      if (changed) await this.appendAudit(actor, user, 'disable', tx);
      return toUserView(await this.mustFind(actor, user.id, tx));
    });
  }

  async enable(actor: Actor, userId: string): Promise<UserView> {
    return this.transactions.run(async (tx) => {
      const user = await this.mustFind(actor, userId, tx, true);
      assertCanEnableUser(actor, { userId: user.id, unitPath: user.unitPath });
      if (await this.users.setDisabled(actor, user.id, false, tx)) await this.appendAudit(actor, user, 'enable', tx);
      return toUserView(await this.mustFind(actor, user.id, tx));
    });
  }

  /** An admin sets a new password for a user of their subtree; the user's sessions end. */
  async resetPassword(actor: Actor, userId: string, password: string): Promise<void> {
    const user = await this.mustFind(actor, userId);
    assertCanResetPassword(actor, { userId: user.id, unitPath: user.unitPath });
    const problems = passwordProblems(password, { username: user.username });
    if (problems.length) throw new InvalidInputError(problems);
    const passwordHash = await this.hasher.hash(password);
    await this.transactions.run(async (tx) => {
      if (!(await this.users.setPasswordHash(actor, user.id, passwordHash, tx))) throw new NotFoundError('user');
      await this.refreshTokens.revokeAllForUser(user.id, tx);
      await this.appendAudit(actor, user, 'password-reset', tx);
    });
  }

  private async mustFind(actor: Actor, userId: string, manager?: EntityManager, lock = false): Promise<UserRecord> {
    const user = await this.users.findInScope(actor, userId, manager, { lock });
    if (!user) throw new NotFoundError('user');
    return user;
  }

  private async mustFindUnit(actor: Actor, unitId: string, manager?: EntityManager): Promise<UnitRef> {
    const unit = await this.units.findInScope(actor, unitId, manager);
    if (!unit) throw new NotFoundError('unit');
    return unit;
  }

  private appendAudit(actor: Actor, user: UserRecord, action: string, tx: EntityManager): Promise<void> {
    return this.audit.append(
      { actorId: actor.userId, unitId: user.unitId, unitPath: user.unitPath, entityType: 'user', entityId: user.id, action },
      tx,
    );
  }
}
