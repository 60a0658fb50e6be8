import { SendSmsBatchHandler, SendUrgentSmsBatchHandler } from './handlers/send-sms-batch.handler.js';

/** The SMS package's job handlers, for its module's providers; the worker discovers them there. */
export const SMS_JOB_HANDLERS = [SendSmsBatchHandler, SendUrgentSmsBatchHandler];
