import { Body, Controller, ForbiddenException, Headers, HttpCode, Inject, NotFoundException, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import twilio from 'twilio';
import { parseInbound, verifyTwilioSignature } from '../../../../libs/channels/src/sms/twilio/twilio-webhooks.js';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src/index.js';
import { SubscriptionService } from '../../../../libs/services/src/subscribers/subscription.service.js';
import { Public } from '../auth/public.decorator.js';

/**
 * SMS sent by citizens to the Twilio number: STOP, HUY, TU CHOI opt the number out at once; START, DK
 * opt it back in. The signature is checked against the public URL Twilio called; a forged or unsigned
 * request is refused with 403 and changes nothing. Without Twilio configured the webhook does not exist.
 */
@ApiExcludeController()
@Public()
@Controller('api/v1/webhooks/twilio')
export class TwilioInboundController {
  constructor(
    private readonly subscriptions: SubscriptionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('inbound')
  @HttpCode(200)
  async inbound(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() params: Record<string, string>,
    @Headers('x-twilio-signature') signature: string | undefined,
  ): Promise<string> {
    const authToken = this.config.sms.twilio.authToken;
    if (!authToken) throw new NotFoundException('Twilio chưa được cấu hình');
    if (!verifyTwilioSignature(authToken, `${this.config.publicBaseUrl}${req.originalUrl}`, params ?? {}, signature)) {
      throw new ForbiddenException('Chữ ký X-Twilio-Signature không hợp lệ');
    }
    const sms = parseInbound(params);
    const reply = await this.subscriptions.answerInboundSms(sms.from, sms.body);
    const twiml = new twilio.twiml.MessagingResponse();
    twiml.message(reply);
    // Set here rather than with @Header, which would also label the JSON error bodies as XML.
    res.type('text/xml; charset=utf-8');
    return twiml.toString();
  }
}
