import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule, type AppConfig } from '#config/index.js';
import { PersistenceModule } from '#persistence/index.js';
import { PasswordHasher } from '#services/auth/password-hasher.js';
import { ActivitiesModule } from '#services/activities/activities.module.js';
import { DemoPlanSeeder } from '#services/demo/demo-plan.seeder.js';
import { DEMO_PASSWORD, DEMO_USERS, DemoSeedService } from '#services/demo/demo-seed.service.js';
import { MessagesModule } from '#services/messages/messages.module.js';
import { PlansModule } from '#services/plans/plans.module.js';
import type { CliCommand } from './command.js';

@Module({})
class SeedModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SeedModule,
      imports: [ConfigModule.forRoot(config), PersistenceModule, MessagesModule, PlansModule, ActivitiesModule],
      providers: [PasswordHasher, DemoPlanSeeder, DemoSeedService],
    };
  }
}

export const seedDemoCommand: CliCommand = {
  name: 'seed-demo',
  summary: "add demo users, sample messages in all ten content groups, demo subscribers, the province's plan and activities (idempotent)",
  async run(config) {
    const app = await NestFactory.createApplicationContext(SeedModule.forRoot(config), { logger: ['error', 'warn'] });
    try {
      const result = await app.get(DemoSeedService).seed();
      process.stdout.write(
        `demo data: ${result.users} users, ${result.messages} messages, ${result.subscribers} subscribers, ` +
          `${result.plans} plans, ${result.activities} activities added\n` +
          `demo logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => `${u.username} (${u.role})`).join(', ')}\n`,
      );
    } finally {
      await app.close();
    }
  },
};
