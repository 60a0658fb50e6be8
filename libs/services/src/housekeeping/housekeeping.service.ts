import { Injectable, Logger } from '@nestjs/common';
import { RefreshTokenRepository } from '#persistence/index.js';

/** Keeps tables that only grow by design (tokens) from growing for ever. */
@Injectable()
export class HousekeepingService {
  private readonly logger = new Logger(HousekeepingService.name);

  constructor(private readonly refreshTokens: RefreshTokenRepository) {}

  async purgeRefreshTokens(): Promise<number> {
    const removed = await this.refreshTokens.purgeOlderThan(7);
    this.logger.log({ removed }, 'purged expired and revoked refresh tokens');
    return removed;
  }
}
