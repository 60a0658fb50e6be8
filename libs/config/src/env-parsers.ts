/** Small typed parsers for environment variables. Each returns the value or throws a message naming the rule. */
export type Parser<T> = (raw: string) => T;

export class EnvRuleError extends Error {}

export const str =
  (opts: { minLength?: number } = {}): Parser<string> =>
  (raw) => {
    if (opts.minLength !== undefined && raw.length < opts.minLength) {
      throw new EnvRuleError(`must be at least ${opts.minLength} characters long`);
    }
    return raw;
  };

export const int =
  (opts: { min?: number; max?: number } = {}): Parser<number> =>
  (raw) => {
    if (!/^-?\d+$/.test(raw.trim())) throw new EnvRuleError('must be a whole number');
    const value = Number(raw);
    if (opts.min !== undefined && value < opts.min) throw new EnvRuleError(`must be ≥ ${opts.min}`);
    if (opts.max !== undefined && value > opts.max) throw new EnvRuleError(`must be ≤ ${opts.max}`);
    return value;
  };

export const bool = (): Parser<boolean> => (raw) => {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new EnvRuleError('must be true or false');
};

export const oneOf =
  <T extends string>(values: readonly T[]): Parser<T> =>
  (raw) => {
    if (!(values as readonly string[]).includes(raw)) {
      throw new EnvRuleError(`must be one of: ${values.join(', ')}`);
    }
    return raw as T;
  };

export const url =
  (protocols: readonly string[]): Parser<string> =>
  (raw) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new EnvRuleError('must be a URL');
    }
    if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      throw new EnvRuleError(`must be a URL with scheme ${protocols.join(' or ')}`);
    }
    return raw;
  };

/** A URL other URLs are built on: trailing slashes are dropped, so `${base}/path` never doubles them. */
export const baseUrl =
  (protocols: readonly string[]): Parser<string> =>
  (raw) =>
    url(protocols)(raw).replace(/\/+$/, '');

export const match =
  (pattern: RegExp, rule: string): Parser<string> =>
  (raw) => {
    if (!pattern.test(raw)) throw new EnvRuleError(`must be ${rule}`);
    return raw;
  };

export const timeZone = (): Parser<string> => (raw) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: raw });
  } catch {
    throw new EnvRuleError('must be an IANA time zone such as Asia/Ho_Chi_Minh');
  }
  return raw;
};

export const hexKey =
  (bytes: number): Parser<Buffer> =>
  (raw) => {
    const buf = /^[0-9a-fA-F]+$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
    if (buf.length !== bytes) {
      throw new EnvRuleError(`must be ${bytes} bytes, hex (${bytes * 2} characters) or base64`);
    }
    return buf;
  };

/** Optional variables parse to null when unset; the loader passes the default "" for them. */
export const optionalMatch =
  (pattern: RegExp, rule: string): Parser<string | null> =>
  (raw) => (raw === '' ? null : match(pattern, rule)(raw));

export const optionalUrl =
  (protocols: readonly string[]): Parser<string | null> =>
  (raw) => (raw === '' ? null : baseUrl(protocols)(raw));

/** `host:port,host:port` (seed nodes of a cluster); empty gives []. */
export const hostPortList = (): Parser<{ host: string; port: number }[]> => (raw) =>
  raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const found = /^(?<host>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):(?<port>\d{1,5})$/.exec(item);
      const port = Number(found?.groups?.port);
      if (!found?.groups || port < 1 || port > 65535) throw new EnvRuleError(`must be a comma-separated list of host:port (bad item "${item}")`);
      return { host: found.groups.host.replace(/^\[|\]$/g, ''), port };
    });
