import { Body, Controller, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { parseStatusCallback } from '#sms/providers/twilio/twilio-webhooks.js';
import { DeliveryReceiptsService } from '#engine/dispatch/delivery-receipts.service.js';
import { Public } from '../auth/public.decorator.js';
import { TwilioSignatureGuard } from './twilio-signature.guard.js';

/** Twilio's status callback; TwilioSignatureGuard refuses forged requests (403) before anything changes. */
@ApiExcludeController()
@Public()
@Controller('api/v1/webhooks/twilio')
export class TwilioStatusController {
  constructor(private readonly receipts: DeliveryReceiptsService) {}

  @Post('status')
  @HttpCode(204)
  @UseGuards(TwilioSignatureGuard)
  async status(@Body() params: Record<string, string>, @Query('d') deliveryId: string | undefined): Promise<void> {
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
