import { Global, Module } from '@nestjs/common';
import { HolidayCalendarService } from './calendar/holiday-calendar.service';
import { DispositionContext } from './disposition-context';
import { DispositionsService } from './dispositions.service';
import { FollowUpFilesService } from './follow-up-files.service';
import { InstructionsService } from './instructions/instructions.service';
import { DispositionSheetService } from './pdf/disposition-sheet.service';
import { PreparedDispositionsService } from './prepared/prepared-dispositions.service';
import { DispositionsQueryService } from './queries/dispositions-query.service';
import { ReminderScheduler } from './reminders/reminder-scheduler';
import { DispositionRecordsService } from './records/disposition-records.service';
import { DispositionQueuesQuery } from './worklist/disposition-queues';

export const DISPOSITION_PROVIDERS = [
  HolidayCalendarService, InstructionsService, ReminderScheduler, DispositionContext, DispositionsQueryService, DispositionsService,
  FollowUpFilesService, PreparedDispositionsService, DispositionSheetService, DispositionRecordsService, DispositionQueuesQuery,
];

/**
 * Dispositions on received letters. Needs the correspondence, identity, notification, queue,
 * audit and storage modules. The job handlers (DispositionNotifyJob, DispositionReminderJob,
 * DispositionEscalationJob) are registered by the worker.
 */
@Global()
@Module({ providers: DISPOSITION_PROVIDERS, exports: DISPOSITION_PROVIDERS })
export class DispositionModule {}
