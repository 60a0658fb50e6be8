import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

export class DependencyCheckDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiPropertyOptional({ example: 'timed out after 1000 ms', description: 'Why it is down' }) error?: string;
}

export class ReadinessChecksDto {
  @ApiProperty({ type: DependencyCheckDto }) postgres!: DependencyCheckDto;
  @ApiProperty({ type: DependencyCheckDto }) redis!: DependencyCheckDto;
  @ApiProperty({ type: DependencyCheckDto, description: 'a worker wrote its heartbeat within WORKER_HEARTBEAT_STALE_SECONDS' })
  worker!: DependencyCheckDto;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'degraded'], description: 'degraded: Postgres and Redis are up but no worker is alive' })
  status!: 'ok' | 'degraded';
  @ApiProperty({ type: ReadinessChecksDto }) checks!: ReadinessChecksDto;
}
