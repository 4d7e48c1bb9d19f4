import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@naskah/core';
import { Actor, AuditService } from '@naskah/audit';
import { OutboxService } from '@naskah/queue';
import { DelegationsService, Principal } from '@naskah/identity';
import { LetterAccessService } from '@naskah/correspondence';
import { HolidayCalendarService } from './calendar/holiday-calendar.service';
import { InstructionsService } from './instructions/instructions.service';
import { ReminderScheduler } from './reminders/reminder-scheduler';

/** What the disposition use cases need, in one injectable object. */
@Injectable()
export class DispositionContext {
  constructor(
    readonly ds: DataSource,
    readonly audit: AuditService,
    readonly outbox: OutboxService,
    readonly delegations: DelegationsService,
    readonly access: LetterAccessService,
    readonly calendar: HolidayCalendarService,
    readonly instructions: InstructionsService,
    readonly reminders: ReminderScheduler,
    readonly clock: Clock,
  ) {}
}

/** The audit actor of a principal acting for a position in a capacity. */
export const actorAs = (p: Principal, positionId: number, capacity: Actor['capacity']): Actor => ({
  userId: p.userId, positionId, capacity, requestId: p.requestId ?? null,
});
