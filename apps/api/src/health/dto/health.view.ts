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

/** One read replica (DATABASE_REPLICA_URLS) as this API process sees it. */
export class ReplicaStatusView {
  @ApiProperty({ description: 'the replica by its place in DATABASE_REPLICA_URLS (this endpoint is public: no host, database or credentials; the log names them)', example: 'replika 1' }) name: string;
  @ApiProperty({ description: 'answered the last check' }) up: boolean;
  @ApiProperty({ type: Number, nullable: true, description: "how far its copy of the primary's heartbeat is behind (seconds); null when unknown" }) lagSeconds: number | null;
  @ApiProperty({ description: 'takes reads now (up, lag within maxLagSeconds, checked in the last 3 s)' }) inUse: boolean;
  @ApiProperty({ type: String, nullable: true, enum: ['UNREACHABLE', 'LAGGING', 'PRIMARY_UNREACHABLE', 'NOT_CHECKED'], description: 'why it is skipped; null when in use' })
  skippedBecause: 'UNREACHABLE' | 'LAGGING' | 'PRIMARY_UNREACHABLE' | 'NOT_CHECKED' | null;
  @ApiProperty({ type: String, nullable: true, description: 'why, in words, when skipped: the lag for LAGGING; for an unreachable server a fixed text (its message is in the log, never on this public endpoint)' }) detail: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) checkedAt: Date | null;
  @ApiProperty({ description: 'reads this process sent to it' }) reads: number;
  @ApiProperty({ description: 'of those, answered by the primary after the replica failed them' }) fallbacks: number;
}

/** The read replicas and the routing bounds; `replicas` is empty when none is configured. */
export class ReplicasStatus {
  @ApiProperty({ description: 'DATABASE_REPLICA_MAX_LAG_SECONDS' }) maxLagSeconds: number;
  @ApiProperty({ description: "after a user's write, their reads stay on the primary this long (seconds)" }) readYourWritesSeconds: number;
  @ApiProperty({ description: 'reads this process sent to the primary because the user had just written' }) readYourWritesReads: number;
  @ApiProperty({ type: [ReplicaStatusView] }) replicas: ReplicaStatusView[];
}
