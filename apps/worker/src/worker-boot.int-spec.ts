import { Global, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { ChannelsModule } from '#channels/channels.module.js';
import { CHANNEL_DEFINITIONS, type ChannelDefinition } from '#engine/channel-definition.js';
import { JOBS } from '#queue/index.js';
import { BoardChannel } from '#board/board.channel.js';
import { BoardsModule } from '#board/boards.module.js';
import { SmsChannel } from '#sms/sms.channel.js';
import { SmsModule } from '#sms/sms.module.js';
import { FacebookChannel, ZaloChannel } from '#social/social.channel.js';
import { SocialModule } from '#social/social.module.js';
import { createTestDatabase } from '#test/test-database.js';
import { testConfig } from '#test/test-config.js';
import { JobHandlerRegistry } from './job-handler-registry.js';
import { WorkerModule } from './worker.module.js';

/** A registry that forgot the loudspeaker package: its channel and its job handler are missing. */
@Global()
@Module({
  imports: [SmsModule, BoardsModule, SocialModule],
  providers: [
    {
      provide: CHANNEL_DEFINITIONS,
      inject: [SmsChannel, BoardChannel, ZaloChannel, FacebookChannel],
      useFactory: (...definitions: ChannelDefinition[]) => definitions,
    },
  ],
  exports: [CHANNEL_DEFINITIONS, SmsModule, BoardsModule, SocialModule],
})
class RegistryWithoutLoudspeakers {}

/** The real worker module booted in this process (init runs the catalogue check), closed even when the boot fails. */
async function boot(moduleRef: TestingModule): Promise<TestingModule> {
  moduleRef.useLogger(false);
  try {
    return await moduleRef.init();
  } catch (error) {
    await moduleRef.close();
    throw error;
  }
}

describe("the worker's boot", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let config: ReturnType<typeof testConfig>;

  beforeAll(async () => {
    database = await createTestDatabase();
    config = testConfig({ databaseUrl: database.url });
  });
  afterAll(() => database.drop());

  it('finds the one handler of every job of the catalogue in the packages it imports', async () => {
    const app = await boot(await Test.createTestingModule({ imports: [WorkerModule.forRoot(config, { scheduler: false })] }).compile());
    try {
      const registry = app.get(JobHandlerRegistry);
      const handlerOf = Object.fromEntries(Object.entries(JOBS).map(([key, job]) => [key, registry.handlerOf(job.queue, job.name)?.constructor.name]));
      expect(handlerOf).toEqual({
        purgeRefreshTokens: 'PurgeRefreshTokensHandler',
        upkeepDeliveryPartitions: 'UpkeepDeliveryPartitionsHandler',
        rollUpReports: 'RollUpReportsHandler',
        runOccurrence: 'RunOccurrenceHandler',
        sendSmsBatch: 'SendSmsBatchHandler',
        sendUrgentSmsBatch: 'SendUrgentSmsBatchHandler',
        publishSocial: 'PublishSocialHandler',
        verifySocial: 'VerifySocialHandler',
        unpublishSocial: 'UnpublishSocialHandler',
        reviewSocialSchedule: 'ReviewSocialScheduleHandler',
        socialUpkeep: 'SocialUpkeepHandler',
        editSocial: 'EditSocialHandler',
        pollCapFeeds: 'PollCapFeedsHandler',
        completeEmergencyChanges: 'CompleteEmergencyChangesHandler',
        replaceLoudspeakerAudio: 'ReplaceLoudspeakerAudioHandler',
        placeDueRelays: 'PlaceDueRelaysHandler',
        promoteSystemPushes: 'PromoteSystemPushesHandler',
        prepareLoudspeakerAudio: 'PrepareLoudspeakerAudioHandler',
      });
    } finally {
      await app.close();
    }
  });

  it('fails when the channel registry leaves out a package whose job is in the catalogue, naming the job', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(config, { scheduler: false })] })
      .overrideModule(ChannelsModule)
      .useModule(RegistryWithoutLoudspeakers)
      .compile();
    await expect(boot(moduleRef)).rejects.toThrow(
      'job catalogue check failed: no handler for job placeDueRelays (housekeeping/place-due-relays); no handler for job prepareLoudspeakerAudio (loudspeaker-audio/prepare-loudspeaker-audio)',
    );
  });
});
