import { loadConfig } from '#config/index.js';
import { loggerOptions } from '../http/logger.options.js';

type ReqSerializer = (req: { id: string; method: string; url: string }) => { url: string };

describe('request log lines of board kiosk URLs', () => {
  it('never carry the device token that the path holds', () => {
    const pinoHttp = loggerOptions(loadConfig({ NODE_ENV: 'test' })).pinoHttp as { serializers: { req: ReqSerializer } };
    const line = pinoHttp.serializers.req({ id: '1', method: 'GET', url: '/boards/tcs_bd_Ab3-x_9Zq/slides.json?t=1' });
    expect(line.url).toBe('/boards/tcs_bd_[redacted]/slides.json');
  });
});
