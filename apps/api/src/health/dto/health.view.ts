import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LiveStatus {
  @ApiProperty({ enum: ['ok'] }) status: string;
}

/** One dependency's state (Terminus): `up`, or `down` with a message. */
export class HealthIndicatorState {
  @ApiProperty({ enum: ['up', 'down'] }) status: string;
  @ApiPropertyOptional() message?: string;
  /** Redis only: `host:port` of the primary that took the probe's write (with Sentinel, the one currently promoted). */
  @ApiPropertyOptional({ example: '10.0.0.5:6379' }) master?: string;
}

/** Terminus' report: every dependency (database, redis) by name, those up in `info`, those down in `error`. */
export class ReadyStatus {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: '#/components/schemas/HealthIndicatorState' } }) info?: Record<string, HealthIndicatorState>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: '#/components/schemas/HealthIndicatorState' } }) error?: Record<string, HealthIndicatorState>;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/HealthIndicatorState' } }) details: Record<string, HealthIndicatorState>;
}
