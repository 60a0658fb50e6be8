export * from './sms/sms-provider.js';
export * from './sms/twilio/twilio-errors.js';
export * from './sms/twilio/twilio-http.client.js';
export * from './sms/twilio/twilio-sms.adapter.js';
export * from './sms/twilio/twilio-webhooks.js';
export * from './sms/sandbox/sandbox-sms.provider.js';
