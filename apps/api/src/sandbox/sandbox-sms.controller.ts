import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { SmsProvider } from '../../../../libs/channels/src/sms/sms-provider.js';
import { SandboxSmsRepository } from '../../../../libs/services/src/dispatch/sandbox-sms.repository.js';
import { SMS_PROVIDER } from '../../../../libs/services/src/dispatch/sms-provider.factory.js';
import { PageQueryDto, toPage } from '../http/pagination.dto.js';

class SandboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '+84912345678' })
  @IsOptional()
  @Matches(/^\+\d{8,15}$/)
  to?: string;
}

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
  async list(@Query() q: SandboxQueryDto) {
    const page = toPage(q, await this.sandbox.list({ to: q.to, limit: q.pageSize, offset: q.offset }));
    return {
      sandbox: true,
      activeProvider: this.provider?.name ?? 'disabled',
      notice: 'Hộp thử nghiệm (sandbox): các tin nhắn này KHÔNG được gửi tới điện thoại thật.',
      ...page,
    };
  }
}
