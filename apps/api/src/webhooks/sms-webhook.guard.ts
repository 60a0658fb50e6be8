import {
  createParamDecorator,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import type { SmsProvider, SmsWebhookRequest } from '#sms/sms-provider.js';
import { SmsWebhooksService } from '#sms/sms-webhooks.service.js';

/** The paths Twilio numbers were configured with before providers had their own (…/webhooks/twilio/…) are Twilio's. */
const UNNAMED_PATH_PROVIDER = 'twilio';

export interface VerifiedSmsWebhook {
  provider: SmsProvider;
  request: SmsWebhookRequest;
}

type WebhookRequest = Request & { smsWebhook?: VerifiedSmsWebhook };

/**
 * An SMS provider's callback: it exists only for the provider this process sends through (404
 * otherwise, SMS disabled included), and a callback the provider did not sign is refused (403)
 * before anything is read or changed. The signature covers the public URL the provider called
 * (PUBLIC_BASE_URL plus the path and query), not the one behind a proxy.
 */
@Injectable()
export class SmsWebhookGuard implements CanActivate {
  constructor(
    private readonly webhooks: SmsWebhooksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<WebhookRequest>();
    const name = typeof req.params.provider === 'string' ? req.params.provider : UNNAMED_PATH_PROVIDER;
    const provider = this.webhooks.provider(name);
    if (!provider) throw new NotFoundException(`Nhà cung cấp SMS ${name} không được cấu hình trên máy chủ này`);
    const request: SmsWebhookRequest = {
      url: `${this.config.publicBaseUrl}${req.originalUrl}`,
      headers: req.headers,
      query: firstValues(req.query),
      body: isRecord(req.body) ? req.body : {},
    };
    if (!provider.verifyWebhook(request)) throw new ForbiddenException(`Chữ ký ${provider.webhookSignature ?? 'callback'} không hợp lệ`);
    req.smsWebhook = { provider, request };
    return true;
  }
}

/** The provider and the callback SmsWebhookGuard verified. */
export const VerifiedWebhook = createParamDecorator((_: unknown, context: ExecutionContext): VerifiedSmsWebhook => {
  const webhook = context.switchToHttp().getRequest<WebhookRequest>().smsWebhook;
  if (!webhook) throw new Error('SmsWebhookGuard must run before @VerifiedWebhook()');
  return webhook;
});

function firstValues(query: Request['query']): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(query)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') values[key] = first;
  }
  return values;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
