import { EnvRuleError, type Parser } from './env-parsers.js';

/** A CAP Atom feed tincoso polls: its URL, the unit it speaks for (by official code) and whether the province trusts it. */
export interface CapFeedConfig {
  url: string;
  unit: { source: 'vn-2025' | 'vn-pre2025'; code: string };
  trusted: boolean;
}

const UNIT = /^(?:(pre2025):)?(\d{2}|\d{3}|\d{5})$/;

/**
 * CAP_FEEDS: entries separated by white space, each `<url>|<unit code>[|trusted]`; the code is of the
 * 2025 list (`22`), or of the list before 2025 with `pre2025:` (`pre2025:30`).
 */
export const capFeeds = (): Parser<CapFeedConfig[]> => (raw) =>
  raw
    .split(/\s+/)
    .filter(Boolean)
    .map((entry) => {
      const [url, unit, flag, ...rest] = entry.split('|');
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new EnvRuleError(`"${entry}": must start with the feed's http(s) URL`);
      }
      if (!['http:', 'https:'].includes(parsed.protocol)) throw new EnvRuleError(`"${entry}": the feed's URL must be http or https`);
      const code = UNIT.exec(unit ?? '');
      if (!code) throw new EnvRuleError(`"${entry}": after the URL, "|" and the code of the unit it speaks for (22, 06652 or pre2025:30)`);
      if (rest.length > 0 || (flag !== undefined && flag !== 'trusted')) throw new EnvRuleError(`"${entry}": the only flag after the unit is "|trusted"`);
      return { url, unit: { source: code[1] ? 'vn-pre2025' : 'vn-2025', code: code[2] }, trusted: flag === 'trusted' };
    });
