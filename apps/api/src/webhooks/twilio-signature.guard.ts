import { ForbiddenException, Inject, Injectable, NotFoundException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { verifyTwilioSignature } from '#sms/providers/twilio/twilio-webhooks.js';
import { APP_CONFIG, type AppConfig } from '#config/index.js';

/**
 * Twilio's webhooks: without Twilio configured they do not exist (404); a forged or unsigned request
 * is refused (403) before anything is read. The signature covers the public URL Twilio called
 * (PUBLIC_BASE_URL plus the path and query) and the form parameters.
 */
@Injectable()
export class TwilioSignatureGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const authToken = this.config.sms.twilio.authToken;
    if (!authToken) throw new NotFoundException('Twilio chưa được cấu hình');
    const url = `${this.config.publicBaseUrl}${req.originalUrl}`;
    if (!verifyTwilioSignature(authToken, url, req.body ?? {}, req.headers['x-twilio-signature'])) {
      throw new ForbiddenException('Chữ ký X-Twilio-Signature không hợp lệ');
    }
    return true;
  }
}
