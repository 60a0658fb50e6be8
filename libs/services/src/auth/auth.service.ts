import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../../../config/src/index.js';
import { normalizeUsername, UnauthenticatedError, type Actor } from '../../../domain/src/index.js';
import { RefreshTokenRepository, UserRepository, type UserProfile } from '../../../persistence/src/index.js';
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
}

export type Profile = UserProfile;

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
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(usernameRaw: string, password: string, clientIp: string): Promise<TokenPair> {
    const username = normalizeUsername(usernameRaw);
    await this.throttle.assertAllowed(username, clientIp);
    const credentials = await this.users.findCredentials(username);
    const ok = await this.hasher.verify(credentials?.passwordHash ?? DUMMY_HASH, password);
    if (!credentials || !ok || credentials.disabled) {
      await this.throttle.recordFailure(username, clientIp);
      throw new UnauthenticatedError('auth.invalid-credentials', 'Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa');
    }
    await this.throttle.recordSuccess(username, clientIp);
    return this.startSession(credentials.id);
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const next = this.newRefreshToken();
    const outcome = await this.refreshTokens.rotate(sha256(refreshToken), { tokenHash: sha256(next.token), expiresAt: next.expiresAt });
    if (outcome.kind !== 'rotated' || !(await this.users.findActiveActor(outcome.userId))) {
      throw new UnauthenticatedError('auth.invalid-refresh-token', 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại');
    }
    return this.pair(outcome.userId, next.token);
  }

  async logout(refreshToken: string): Promise<void> {
    await this.refreshTokens.revokeFamilyOf(sha256(refreshToken));
  }

  /** The actor behind a bearer token; disabled users lose access at once, whatever their token says. */
  async authenticate(accessToken: string): Promise<Actor> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(accessToken, { secret: this.config.jwtSecret, algorithms: ['HS256'] });
    } catch {
      throw invalidSession();
    }
    const actor = claims.typ === 'access' ? await this.users.findActiveActor(claims.sub) : null;
    if (!actor) throw invalidSession();
    return actor;
  }

  /** A new login session (fresh refresh-token family) for a user who has just proven who they are. */
  async startSession(userId: string): Promise<TokenPair> {
    const refresh = this.newRefreshToken();
    await this.refreshTokens.insert({ userId, familyId: randomUUID(), tokenHash: sha256(refresh.token), expiresAt: refresh.expiresAt });
    return this.pair(userId, refresh.token);
  }

  async profile(actor: Actor): Promise<Profile> {
    const profile = await this.users.findProfile(actor.userId);
    if (!profile) throw invalidSession();
    return profile;
  }

  /** A fresh access token with the refresh token already stored for it. */
  private async pair(userId: string, refreshToken: string): Promise<TokenPair> {
    const claims: AccessClaims = { sub: userId, typ: 'access' };
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
