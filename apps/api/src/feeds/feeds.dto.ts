import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

export class FeedQueryDto {
  @ApiPropertyOptional({ enum: ['0', '1'], description: '1: the unit and every unit under it' })
  @IsOptional()
  @IsIn(['0', '1'])
  subtree?: '0' | '1';
}

export class MessagePageQueryDto {
  @ApiPropertyOptional({ description: 'Marker of the social post that linked here (lets a publish be verified); ignored by the page' })
  @IsOptional()
  @Matches(/^[0-9a-z]{1,32}$/)
  m?: string;
}
