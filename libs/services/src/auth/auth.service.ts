import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { normalizeUsername, UnauthenticatedError, type Actor } from '#domain/index.js';
import { AuditRepository, RefreshTokenRepository, TransactionRunner, UserRepository, type UserProfile } from '#persistence/index.js';
import { LoginThrottle } from './login-throttle.js';
import { DUMMY_HASH, PasswordHasher } from './password-hasher.js';

export interface TokenPair {
  tokenType: 'Bearer';
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

interface AccessClaims {
  sub: string;
  typ: 'access';
  /** The refresh-token family (session) the token was issued for, so logout can end that session. */
  sid?: string;
}

/** Who the signed-in user is, with the zone the console shows times in. */
export type Profile = Omit<UserProfile, 'timeZone'> & { timeZone: string };

export interface LogoutRequest {
  /**
   * The refresh token an API client holds (body). The console's cookie never reaches logout (its Path is
   * the refresh endpoint): its session ends through the bearer token's `sid`.
   */
  refreshToken?: string;
  /** The bearer token of the request, when it had one. */
  accessToken?: string;
  /** End every session of the user, not only this one. */
  everywhere: boolean;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The access token no longer stands for an active account (expired, forged, or the user was disabled). */
export function invalidSession(): UnauthenticatedError {
  return new UnauthenticatedError('auth.invalid-token', 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn');
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditRepository,
    private readonly jwt: JwtService,
    private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(usernameRaw: string, password: string, clientIp: string): Promise<TokenPair> {
    const username = normalizeUsername(usernameRaw);
    await this.throttle.assertAllowed(username, clientIp);
    const credentials = await this.users.findCredentials(username);
    const ok = await this.hasher.verify(credentials?.passwordHash ?? DUMMY_HASH, password);
    if (!credentials || !ok) {
      await this.throttle.recordFailure(username, clientIp);
      throw new UnauthenticatedError('auth.invalid-credentials', 'Tên đăng nhập hoặc mật khẩu không đúng');
    }
    // Said only to someone who knows the password: it tells them to call their admin, not to retry.
    if (credentials.disabled) {
      await this.throttle.recordFailure(username, clientIp);
      throw new UnauthenticatedError('auth.account-disabled', 'Tài khoản đã bị khóa. Vui lòng liên hệ quản trị viên để được mở lại.', [
        { field: 'username', rule: 'account-disabled', message: 'Tài khoản đã bị khóa' },
      ]);
    }
    await this.throttle.recordSuccess(username, clientIp);
    return this.startSession(credentials.id);
  }

  /** Rotates the refresh token; a missing one (no cookie) is the same 401 as an expired one. */
  async refresh(refreshToken: string | undefined): Promise<TokenPair> {
    const expired = () => new UnauthenticatedError('auth.invalid-refresh-token', 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại');
    if (!refreshToken) throw expired();
    const next = this.newRefreshToken();
    const outcome = await this.refreshTokens.rotate(sha256(refreshToken), { tokenHash: sha256(next.token), expiresAt: next.expiresAt });
    if (outcome.kind !== 'rotated' || !(await this.users.findActiveActor(outcome.userId))) throw expired();
    return this.pair(outcome.userId, outcome.familyId, next.token);
  }

  /**
   * Ends the session of the refresh token and of the bearer token (its `sid`), whichever the client
   * still has. `everywhere` ends every session of the user; it needs proof of who that is: a valid
   * bearer token or a live refresh token. Access tokens already issued run out on their own (minutes).
   */
  async logout(request: LogoutRequest): Promise<void> {
    const claims = request.accessToken ? await this.verifyAccess(request.accessToken) : null;
    // Who owns the refresh token is read before it is revoked below.
    const owner =
      request.everywhere && !claims && request.refreshToken ? await this.refreshTokens.ownerOf(sha256(request.refreshToken)) : null;
    if (request.refreshToken) await this.refreshTokens.revokeFamilyOf(sha256(request.refreshToken));
    if (!request.everywhere) {
      if (claims?.sid) await this.refreshTokens.revokeFamily(claims.sub, claims.sid);
      return;
    }
    const userId = claims?.sub ?? owner;
    const actor = userId ? await this.users.findActiveActor(userId) : null;
    if (!actor) {
      throw new UnauthenticatedError('auth.logout-everywhere', 'Cần đăng nhập để đăng xuất khỏi mọi thiết bị');
    }
    await this.transactions.run(async (tx) => {
      await this.refreshTokens.revokeAllForUser(actor.userId, tx);
      await this.audit.append(
        { actorId: actor.userId, unitId: actor.unitId, unitPath: actor.unitPath, entityType: 'user', entityId: actor.userId, action: 'logout-everywhere' },
        tx,
      );
    });
  }

  /** The actor behind a bearer token; disabled users lose access at once, whatever their token says. */
  async authenticate(accessToken: string): Promise<Actor> {
    const claims = await this.verifyAccess(accessToken);
    const actor = claims ? await this.users.findActiveActor(claims.sub) : null;
    if (!actor) throw invalidSession();
    return actor;
  }

  /** A new login session (fresh refresh-token family) for a user who has just proven who they are. */
  async startSession(userId: string): Promise<TokenPair> {
    const refresh = this.newRefreshToken();
    const familyId = randomUUID();
    await this.refreshTokens.insert({ userId, familyId, tokenHash: sha256(refresh.token), expiresAt: refresh.expiresAt });
    return this.pair(userId, familyId, refresh.token);
  }

  async profile(actor: Actor): Promise<Profile> {
    const profile = await this.users.findProfile(actor.userId);
    if (!profile) throw invalidSession();
    return { ...profile, timeZone: profile.timeZone ?? this.config.defaultTimeZone };
  }

  /** The claims of a genuine, unexpired access token; null for anything else. */
  private async verifyAccess(accessToken: string): Promise<AccessClaims | null> {
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(accessToken, { secret: this.config.jwtSecret, algorithms: ['HS256'] });
      return claims.typ === 'access' ? claims : null;
    } catch {
      return null;
    }
  }

  /** A fresh access token with the refresh token already stored for it. */
  private async pair(userId: string, familyId: string, refreshToken: string): Promise<TokenPair> {
    const claims: AccessClaims = { sub: userId, typ: 'access', sid: familyId };
    const accessToken = await this.jwt.signAsync(claims, {
      secret: this.config.jwtSecret,
      algorithm: 'HS256',
      expiresIn: this.config.accessTokenTtlSeconds,
    });
    return {
      tokenType: 'Bearer',
      accessToken,
      expiresIn: this.config.accessTokenTtlSeconds,
      refreshToken,
      refreshExpiresIn: this.config.refreshTokenTtlSeconds,
    };
  }

  private newRefreshToken(): { token: string; expiresAt: Date } {
    return {
      token: randomBytes(32).toString('base64url'),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000),
    };
  }
}
