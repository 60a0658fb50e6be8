import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SmsProvider } from '#sms/sms-provider.js';
import { SandboxSmsRepository } from '#sms/sandbox-sms.repository.js';
import { SMS_PROVIDER } from '#sms/sms-providers.js';
import { toPage } from '../http/pagination.dto.js';
import { SandboxQueryDto, SandboxSmsPageDto } from './sandbox-sms.dto.js';

/** What the built-in sandbox provider "sent". Nothing here reached a real phone. */
@ApiTags('sandbox')
@ApiBearerAuth()
@Controller('api/v1/sandbox/sms')
export class SandboxSmsController {
  constructor(
    private readonly sandbox: SandboxSmsRepository,
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider | null,
  ) {}

  @Get()
  @ApiOperation({ summary: 'SANDBOX: messages recorded by the built-in SMS sandbox (no real SMS was sent)' })
  @ApiOkResponse({ type: SandboxSmsPageDto, description: 'Newest first' })
  async list(@Query() q: SandboxQueryDto): Promise<SandboxSmsPageDto> {
    const page = toPage(q, await this.sandbox.list({ to: q.to, limit: q.pageSize, offset: q.offset }));
    return {
      sandbox: true,
      activeProvider: this.provider?.name ?? 'disabled',
      notice: 'Hộp thử nghiệm (sandbox): các tin nhắn này KHÔNG được gửi tới điện thoại thật.',
      ...page,
    };
  }
}
