import { defineSmsProvider } from '../../sms-provider-entry.js';
import { ESMS_ENV, loadEsmsConfig, type EsmsConfig } from './esms.config.js';
import { EsmsSmsAdapter } from './esms-sms.adapter.js';

/** eSMS.vn's line in the SMS provider registry. */
export const esmsSms = defineSmsProvider<EsmsConfig>({
  name: 'esms',
  env: ESMS_ENV,
  loadConfig: loadEsmsConfig,
  create: (esms, { config }) =>
    new EsmsSmsAdapter(esms, {
      // Every batch in flight (bulk and urgent lanes) sends a chunk of sendConcurrency at once.
      maxSockets: config.sms.sendConcurrency * (config.sms.workerConcurrency + config.sms.urgentWorkerConcurrency),
    }),
});
