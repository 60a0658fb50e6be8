import type { LoggerService } from '@nestjs/common';
import type { AppConfig } from '#config/index.js';
import { SandboxSmsProvider, type SandboxSmsSink } from './providers/sandbox/sandbox-sms.provider.js';
import type { SmsProvider } from './sms-provider.js';
import { TwilioSmsAdapter } from './providers/twilio/twilio-sms.adapter.js';

export const SMS_PROVIDER = Symbol('SMS_PROVIDER');

/**
 * The SMS provider for this process. With Twilio credentials: Twilio. Without them: the built-in
 * sandbox outside production (labelled as such everywhere), and in production no provider at all:
 * the SMS channel is disabled with a warning rather than pretending to send.
 */
export function createSmsProvider(config: AppConfig, sandboxSink: SandboxSmsSink, logger: LoggerService): SmsProvider | null {
  const t = config.sms.twilio;
  const hasTwilio = Boolean(t.accountSid && t.authToken);
  if (config.sms.provider === 'twilio' || (config.sms.provider === 'auto' && hasTwilio)) {
    return new TwilioSmsAdapter({
      accountSid: t.accountSid as string,
      authToken: t.authToken as string,
      from: t.from,
      messagingServiceSid: t.messagingServiceSid,
      apiBaseUrl: t.apiBaseUrl,
      timeoutMs: t.timeoutMs,
      // Every batch in flight (bulk and urgent lanes) sends a chunk of sendConcurrency at once.
      maxSockets: config.sms.sendConcurrency * (config.sms.workerConcurrency + config.sms.urgentWorkerConcurrency),
    });
  }
  if (config.sms.provider === 'sandbox' || config.nodeEnv !== 'production') {
    logger.warn(
      'SMS SANDBOX: no Twilio credentials are configured, so SMS go to the built-in sandbox ' +
        '(GET /api/v1/sandbox/sms) and never reach a phone. Set TWILIO_* to send real SMS.',
    );
    return new SandboxSmsProvider(sandboxSink);
  }
  logger.warn('SMS channel DISABLED: NODE_ENV=production and no Twilio credentials (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN).');
  return null;
}
