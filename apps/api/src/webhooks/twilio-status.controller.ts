import { Body, Controller, ForbiddenException, Headers, HttpCode, Inject, NotFoundException, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src/index.js';
import { parseStatusCallback, verifyTwilioSignature } from '../../../../libs/channels/src/sms/twilio/twilio-webhooks.js';
import { DeliveryReceiptsService } from '../../../../libs/services/src/dispatch/delivery-receipts.service.js';
import { Public } from '../auth/public.decorator.js';

/**
 * Twilio's status callback. The signature is checked against the public URL Twilio called; a forged
 * or unsigned request is refused with 403 and changes nothing.
 */
@ApiExcludeController()
@Public()
@Controller('api/v1/webhooks/twilio')
export class TwilioStatusController {
  constructor(
    private readonly receipts: DeliveryReceiptsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('status')
  @HttpCode(204)
  async status(
    @Req() req: Request,
    @Body() params: Record<string, string>,
    @Headers('x-twilio-signature') signature: string | undefined,
    @Query('d') deliveryId: string | undefined,
  ): Promise<void> {
    const authToken = this.config.sms.twilio.authToken;
    if (!authToken) throw new NotFoundException('Twilio is not configured');
    const url = `${this.config.publicBaseUrl}${req.originalUrl}`;
    if (!verifyTwilioSignature(authToken, url, params ?? {}, signature)) {
      throw new ForbiddenException('Chữ ký X-Twilio-Signature không hợp lệ');
    }
    const callback = parseStatusCallback(params);
    await this.receipts.record({
      provider: 'twilio',
      providerMessageId: callback.providerMessageId,
      deliveryId: deliveryId ?? null,
      providerStatus: callback.status,
      errorCode: callback.errorCode,
      payload: params,
    });
  }
}
