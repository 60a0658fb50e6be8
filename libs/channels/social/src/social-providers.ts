import type { AppConfig } from '#config/index.js';
import { SecretBox } from '#domain/index.js';
import { GraphPageAdapter } from './providers/facebook/graph-page.adapter.js';
import { ZaloOaAdapter } from './providers/zalo/zalo-oa.adapter.js';

export const SECRET_BOX = Symbol('SECRET_BOX');
export const SOCIAL_PUBLISHERS = Symbol('SOCIAL_PUBLISHERS');

export interface SocialPublishers {
  zalo: ZaloOaAdapter;
  facebook: GraphPageAdapter;
}

export function createSecretBox(config: AppConfig): SecretBox {
  return SecretBox.fromText(config.secrets.key, config.secrets.oldKeys);
}

export function createSocialPublishers(config: AppConfig): SocialPublishers {
  const s = config.social;
  return {
    zalo: new ZaloOaAdapter({ apiBaseUrl: s.zaloApiBaseUrl, oauthBaseUrl: s.zaloOauthBaseUrl, timeoutMs: s.timeoutMs }),
    facebook: new GraphPageAdapter({ baseUrl: s.graphApiBaseUrl, version: s.graphApiVersion, timeoutMs: s.timeoutMs }),
  };
}
