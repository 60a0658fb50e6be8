import { Controller, Get, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { SMS_WEBHOOKS_PATH, SmsWebhooksService } from '#sms/sms-webhooks.service.js';
import { Public } from '../auth/public.decorator.js';
import { SmsWebhookGuard, VerifiedWebhook, type VerifiedSmsWebhook } from './sms-webhook.guard.js';

/**
 * The SMS providers' callbacks: delivery reports and citizens' SMS, for whichever provider is
 * configured. Twilio's paths from before (…/webhooks/twilio/status and /inbound) stay as aliases:
 * numbers and Messaging Services in use are configured with them.
 */
@ApiExcludeController()
@Public()
@UseGuards(SmsWebhookGuard)
@Controller()
export class SmsWebhooksController {
  constructor(private readonly webhooks: SmsWebhooksService) {}

  @Post([`${SMS_WEBHOOKS_PATH}/:provider/status`, 'api/v1/webhooks/twilio/status'])
  @HttpCode(204)
  async status(@VerifiedWebhook() webhook: VerifiedSmsWebhook): Promise<void> {
    await this.webhooks.recordStatus(webhook.provider, webhook.request);
  }

  /** Gateways that report by GET with the fields in the query (eSMS.vn). */
  @Get(`${SMS_WEBHOOKS_PATH}/:provider/status`)
  @HttpCode(204)
  async statusByGet(@VerifiedWebhook() webhook: VerifiedSmsWebhook): Promise<void> {
    await this.webhooks.recordStatus(webhook.provider, webhook.request);
  }

  @Post([`${SMS_WEBHOOKS_PATH}/:provider/inbound`, 'api/v1/webhooks/twilio/inbound'])
  async inbound(@VerifiedWebhook() webhook: VerifiedSmsWebhook, @Res({ passthrough: true }) res: Response): Promise<string> {
    const reply = await this.webhooks.answerInbound(webhook.provider, webhook.request);
    // Set here rather than with @Header, which would also label the JSON error bodies as XML.
    res.status(reply.status).type(reply.contentType);
    return reply.body;
  }
}
