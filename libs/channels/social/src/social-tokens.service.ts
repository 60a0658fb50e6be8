import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { OutcomeUnknownError, PermanentError, RetryableError, SecretBoxError, type SecretBox } from '#domain/index.js';
import { TransactionRunner } from '#persistence/index.js';
import { ChannelAccountRepository, type ChannelAccountSecrets } from './repositories/channel-account.repository.js';
import type { SocialCredentials } from './providers/social-publisher.js';
import { SECRET_BOX, SOCIAL_PUBLISHERS, type SocialPublishers } from './social-providers.js';

export type RefreshOutcome = 'refreshed' | 'not-due' | 'reconnect-needed' | 'not-refreshable';

/** A token this close to expiry is refreshed before use rather than sent to fail. */
const USE_MARGIN_MS = 5 * 60_000;

/**
 * Decrypts account secrets in memory for one request, and refreshes Zalo access tokens. Zalo's
 * refresh token is single-use: the refresh runs under a row lock (two workers never present the same
 * token) and the new pair is written in that transaction, before the new access token is used.
 */
@Injectable()
export class SocialTokensService {
  private readonly logger = new Logger(SocialTokensService.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly accounts: ChannelAccountRepository,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(SOCIAL_PUBLISHERS) private readonly publishers: SocialPublishers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Credentials to call the platform with; a Zalo token about to expire is refreshed first. */
  async credentials(account: ChannelAccountSecrets): Promise<SocialCredentials> {
    let current = account;
    if (current.platform === 'zalo' && current.accessExpiresAt && current.accessExpiresAt.getTime() - Date.now() < USE_MARGIN_MS) {
      const outcome = await this.refreshZalo(current.id, USE_MARGIN_MS).catch((error: unknown) => {
        // Nothing was published yet: a refresh without an answer only delays this post.
        if (error instanceof OutcomeUnknownError) throw new RetryableError(error.providerCode, `Zalo token refresh: ${error.message}`);
        throw error;
      });
      if (outcome === 'reconnect-needed') throw new PermanentError('refresh-failed', 'Zalo refresh token rejected', 'reconnect-needed');
      current = (await this.accounts.secrets(current.id)) ?? current;
    }
    return { externalId: current.externalId, accessToken: this.openToken(current.accessTokenEnc), canBroadcast: current.canBroadcast };
  }

  /**
   * After a platform call failed: when the platform refused the account's token, the account is
   * flagged for reconnecting (it gets no new deliveries until an admin reconnects it). True when flagged.
   */
  async flagIfTokenRefused(accountId: string, platform: string, error: unknown): Promise<boolean> {
    if (!(error instanceof PermanentError) || error.reason !== 'reconnect-needed') return false;
    await this.accounts.markNeedsReconnect(accountId, `${platform} từ chối mã truy cập (${error.providerCode}); cần kết nối lại`);
    return true;
  }

  /** A token no configured key opens (its key left SECRETS_OLD_KEYS too early) can only be replaced by reconnecting. */
  private openToken(sealed: string): string {
    try {
      return this.box.open(sealed);
    } catch (error) {
      if (error instanceof SecretBoxError) throw new PermanentError('secret-unreadable', error.message, 'reconnect-needed');
      throw error;
    }
  }

  /** Refreshes when the token expires within `withinMs` (re-checked under the lock: another worker may just have done it). */
  async refreshZalo(accountId: string, withinMs = this.config.social.refreshWithinHours * 3_600_000): Promise<RefreshOutcome> {
    return this.transactions.run(async (m) => {
      const a = await this.accounts.secrets(accountId, m, true);
      if (!a || a.platform !== 'zalo' || a.status !== 'active') return 'not-refreshable';
      if (!a.refreshTokenEnc || !a.appId || !a.appSecretEnc) return 'not-refreshable';
      if (a.accessExpiresAt && a.accessExpiresAt.getTime() - Date.now() > withinMs) return 'not-due';
      try {
        const tokens = await this.publishers.zalo.refresh(a.appId, this.box.open(a.appSecretEnc), this.box.open(a.refreshTokenEnc));
        await this.accounts.saveTokens(m, a.id, {
          accessTokenEnc: this.box.seal(tokens.accessToken),
          refreshTokenEnc: this.box.seal(tokens.refreshToken),
          accessExpiresAt: tokens.expiresAt,
        });
        this.logger.log({ accountId, expiresAt: tokens.expiresAt }, 'zalo access token refreshed');
        return 'refreshed';
      } catch (error) {
        if (error instanceof PermanentError && error.reason === 'reconnect-needed') {
          await this.accounts.markNeedsReconnect(a.id, `Zalo từ chối làm mới mã truy cập (${error.providerCode}); cần kết nối lại`, m);
          this.logger.warn({ accountId, code: error.providerCode }, 'zalo refresh token rejected; account needs reconnecting');
          return 'reconnect-needed';
        }
        throw error;
      }
    });
  }

  /** After a key rotation: every secret still sealed with an old key is opened and sealed again with SECRETS_KEY. */
  async resealStale(): Promise<number> {
    let resealed = 0;
    for (const id of await this.accounts.sealedWithOtherKey(this.box.currentKeyId, 500)) {
      await this.transactions.run(async (m) => {
        const a = await this.accounts.secrets(id, m, true);
        if (!a) return;
        const again = (sealed: string | null) => (sealed === null ? null : this.box.seal(this.box.open(sealed)));
        try {
          await this.accounts.reseal(m, id, {
            accessTokenEnc: again(a.accessTokenEnc) as string,
            refreshTokenEnc: again(a.refreshTokenEnc),
            appSecretEnc: again(a.appSecretEnc),
          });
          resealed += 1;
        } catch (error) {
          if (!(error instanceof SecretBoxError)) throw error;
          // Its key is gone: only new tokens (reconnecting) can help; the other accounts still get re-sealed.
          await this.accounts.markNeedsReconnect(id, `Không giải mã được mã truy cập (${error.message}); cần kết nối lại`, m);
          this.logger.warn({ accountId: id }, 'channel account secret unreadable with the configured keys');
        }
      });
    }
    return resealed;
  }

  seal(plain: string): string {
    return this.box.seal(plain);
  }
}
