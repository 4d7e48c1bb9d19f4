import { SetMetadata } from '@nestjs/common';
import { JobName } from './queue-names';

export const JOB_HANDLER_METADATA = 'naskah:job-handler';

export interface JobHandlerMeta {
  name: JobName;
  /** Optional class-validator class the payload must satisfy; a bad payload fails without retry. */
  payloadClass?: new () => object;
}

/** Marks a provider method as the one handler of a job. The worker refuses to boot when a job has none or two. */
export const JobHandler = (name: JobName, payloadClass?: new () => object) =>
  SetMetadata(JOB_HANDLER_METADATA, { name, payloadClass } satisfies JobHandlerMeta);
