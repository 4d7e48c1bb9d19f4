import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LetterAccessService } from './access/letter-access.service';
import { LetterHoldingsService } from './holdings/letter-holdings.service';
import { MasterDataService } from './master/master-data.service';
import { LettersRepository } from './letters/letters.repository';
import { LettersService } from './letters/letters.service';
import { ReviewService } from './letters/review.service';
import { SigningService } from './letters/signing.service';
import { VerificationService } from './letters/verification.service';
import { documentSignerProvider, padesSignerProvider } from './letters/document-signer.provider';
import { AttachmentsService } from './letters/attachments.service';
import { SendService } from './dispatch/send.service';
import { InboxService } from './inbox/inbox.service';
import { DeliveriesService } from './inbox/deliveries.service';
import { OutboxViewService } from './inbox/outbox.service';
import { IncomingService } from './inbox/incoming.service';
import { SigningKeyRecord } from './signature/signing-key.entity';
import { NumberTemplatesService, RoutingPolicyService } from './policy-admin';
import { DistributionListMemberRecord, DistributionListRecord } from './distribution-lists/distribution-list.entity';
import { DistributionListsService } from './distribution-lists/distribution-lists.service';
import { LetterTrackingService } from './tracking/letter-tracking.service';
import { LetterSearchService } from './search/letter-search.service';
import { AgendaRegisterService } from './agenda/agenda-register.service';

import { LetterWorkNotices } from './worklist/letter-work-notices';
import { LetterQueuesQuery } from './worklist/letter-queues';

export const CORRESPONDENCE_PROVIDERS = [
  LetterAccessService, LetterHoldingsService, MasterDataService, LettersRepository, LettersService, ReviewService, SigningService, VerificationService, documentSignerProvider, padesSignerProvider,
  AttachmentsService, SendService, InboxService, DeliveriesService, OutboxViewService, IncomingService,
  RoutingPolicyService, NumberTemplatesService, DistributionListsService, LetterTrackingService, LetterWorkNotices, LetterQueuesQuery,
  LetterSearchService, AgendaRegisterService,
];

/** Letters from draft to inbox. Job handlers (RenderLetterJob, DispatchJob) are registered by the worker. */
@Global()
@Module({ imports: [TypeOrmModule.forFeature([SigningKeyRecord, DistributionListRecord, DistributionListMemberRecord])], providers: CORRESPONDENCE_PROVIDERS, exports: CORRESPONDENCE_PROVIDERS })
export class CorrespondenceModule {}
