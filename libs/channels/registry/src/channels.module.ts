import { Global, Module, type Type } from '@nestjs/common';
import { CHANNELS } from '#domain/index.js';
import { CHANNEL_DEFINITIONS, type ChannelDefinition } from '#engine/channel-definition.js';
import { BoardChannel } from '#board/board.channel.js';
import { BoardsModule } from '#board/boards.module.js';
import { LoudspeakerChannel } from '#loudspeaker/loudspeaker.channel.js';
import { LoudspeakersModule } from '#loudspeaker/loudspeakers.module.js';
import { FacebookChannel, ZaloChannel } from '#social/social.channel.js';
import { SocialModule } from '#social/social.module.js';
import { SmsChannel } from '#sms/sms.channel.js';
import { SmsModule } from '#sms/sms.module.js';

/**
 * The channel registry: every channel package, and its definition(s) the engine receives as
 * CHANNEL_DEFINITIONS. A new channel is its package, its code in libs/domain/src/channels.ts, one
 * module and one definition here, and its migration.
 */
const REGISTERED: { module: Type; definitions: Type<ChannelDefinition>[] }[] = [
  { module: SmsModule, definitions: [SmsChannel] },
  { module: BoardsModule, definitions: [BoardChannel] },
  { module: LoudspeakersModule, definitions: [LoudspeakerChannel] },
  { module: SocialModule, definitions: [ZaloChannel, FacebookChannel] },
];

/** Definitions in the domain's channel order, so every list (readiness, reports) reads the same. */
function inChannelOrder(...definitions: ChannelDefinition[]): ChannelDefinition[] {
  return [...definitions].sort((a, b) => CHANNELS.indexOf(a.code) - CHANNELS.indexOf(b.code));
}

@Global()
@Module({
  imports: REGISTERED.map((r) => r.module),
  providers: [{ provide: CHANNEL_DEFINITIONS, inject: REGISTERED.flatMap((r) => r.definitions), useFactory: inChannelOrder }],
  exports: [CHANNEL_DEFINITIONS, ...REGISTERED.map((r) => r.module)],
})
export class ChannelsModule {}
