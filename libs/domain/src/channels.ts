/**
 * Every channel tincoso broadcasts on, as stored in broadcasts and deliveries. A new channel adds its
 * code here, its package under libs/channels, one line in the registry and its migration.
 */
export const CHANNELS = ['sms', 'board', 'loudspeaker', 'zalo', 'facebook'] as const;
export type Channel = (typeof CHANNELS)[number];

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}
