import { defineSmsProvider } from '../../sms-provider-entry.js';
import { loadTwilioConfig, TWILIO_ENV, type TwilioConfig } from './twilio.config.js';
import { TwilioSmsAdapter } from './twilio-sms.adapter.js';

/** Twilio's line in the SMS provider registry. */
export const twilioSms = defineSmsProvider<TwilioConfig>({
  name: 'twilio',
  env: TWILIO_ENV,
  loadConfig: loadTwilioConfig,
  create: (twilio, { config }) =>
    new TwilioSmsAdapter({
      ...twilio,
      // Every batch in flight (bulk and urgent lanes) sends a chunk of sendConcurrency at once.
      maxSockets: config.sms.sendConcurrency * (config.sms.workerConcurrency + config.sms.urgentWorkerConcurrency),
    }),
});
