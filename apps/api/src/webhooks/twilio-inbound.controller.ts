import { Body, Controller, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import twilio from 'twilio';
import { parseInbound } from '#sms/providers/twilio/twilio-webhooks.js';
import { SubscriptionService } from '#services/subscribers/subscription.service.js';
import { Public } from '../auth/public.decorator.js';
import { TwilioSignatureGuard } from './twilio-signature.guard.js';

/**
 * SMS sent by citizens to the Twilio number: STOP, HUY, TU CHOI opt the number out at once; START, DK
 * opt it back in. TwilioSignatureGuard refuses forged requests (403) and answers 404 without Twilio.
 */
@ApiExcludeController()
@Public()
@Controller('api/v1/webhooks/twilio')
export class TwilioInboundController {
  constructor(private readonly subscriptions: SubscriptionService) {}

  @Post('inbound')
  @HttpCode(200)
  @UseGuards(TwilioSignatureGuard)
  async inbound(@Res({ passthrough: true }) res: Response, @Body() params: Record<string, string>): Promise<string> {
    const sms = parseInbound(params);
    const reply = await this.subscriptions.answerInboundSms(sms.from, sms.body);
    const twiml = new twilio.twiml.MessagingResponse();
    twiml.message(reply);
    // Set here rather than with @Header, which would also label the JSON error bodies as XML.
    res.type('text/xml; charset=utf-8');
    return twiml.toString();
  }
}
