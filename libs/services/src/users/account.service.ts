import { Injectable } from '@nestjs/common';
import { InvalidInputError, passwordProblems, type Actor } from '#domain/index.js';
import { AuditRepository, RefreshTokenRepository, TransactionRunner, UserRepository } from '#persistence/index.js';
import { AuthService, invalidSession, type TokenPair } from '../auth/auth.service.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { PasswordHasher } from '../auth/password-hasher.js';

/** What a signed-in user does to their own account. */
@Injectable()
export class AccountService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly audit: AuditRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly auth: AuthService,
  ) {}

  /**
   * Changes the caller's password after checking the current one. A wrong current password counts
   * as a failed login (a stolen access token must not become a password oracle). Every refresh
   * token of the account is revoked and the caller gets a fresh session, so only this device stays
   * signed in; other devices keep their access token until it expires (minutes).
   */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string, clientIp: string): Promise<TokenPair> {
    const credentials = await this.users.findActiveCredentialsById(actor.userId);
    if (!credentials) throw invalidSession();
    await this.throttle.assertAllowed(credentials.username, clientIp);
    if (!(await this.hasher.verify(credentials.passwordHash, currentPassword))) {
      await this.throttle.recordFailure(credentials.username, clientIp);
      throw new InvalidInputError([{ field: 'currentPassword', rule: 'mismatch', message: 'Mật khẩu hiện tại không đúng' }]);
    }
    await this.throttle.recordSuccess(credentials.username, clientIp);
    const problems = passwordProblems(newPassword, { field: 'newPassword', username: credentials.username, currentPassword });
    if (problems.length) throw new InvalidInputError(problems);

    const passwordHash = await this.hasher.hash(newPassword);
    await this.transactions.run(async (tx) => {
      if (!(await this.users.setPasswordHash(actor, actor.userId, passwordHash, tx))) {
        throw invalidSession();
      }
      await this.refreshTokens.revokeAllForUser(actor.userId, tx);
      await this.audit.append(
        {
          actorId: actor.userId,
          unitId: actor.unitId,
          unitPath: actor.unitPath,
          entityType: 'user',
          entityId: actor.userId,
          action: 'password-change',
        },
        tx,
      );
    });
    return this.auth.startSession(actor.userId);
  }
}
