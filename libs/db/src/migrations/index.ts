import { Foundation1764000000000 } from './1764000000000-foundation';
import { Correspondence1764000100000 } from './1764000100000-correspondence';
import { Dispatch1764000200000 } from './1764000200000-dispatch';
import { Disposition1764000300000 } from './1764000300000-disposition';
import { Records1764000400000 } from './1764000400000-records';
import { LetterNumberUnique1764000500000 } from './1764000500000-letter-number-unique';
import { FilePurge1764000600000 } from './1764000600000-file-purge';
import { LetterHoldings1764000700000 } from './1764000700000-letter-holdings';
import { AccessGrantReasons1764000710000 } from './1764000710000-access-grant-reasons';
import { SessionVersion1764000800000 } from './1764000800000-session-version';
import { VerificationTokensAndSigningKeys1764000900000 } from './1764000900000-verification-tokens-and-signing-keys';
import { SweepRunOffice1764001000000 } from './1764001000000-sweep-run-office';
import { DossierBackdateRejection1764001300000 } from './1764001300000-dossier-backdate-rejection';
import { DeliverySearch1764001400000 } from './1764001400000-delivery-search';
import { HealthProbes1764001600000 } from './1764001600000-health-probes';
import { WorklistIndexes1764001700000 } from './1764001700000-worklist-indexes';
import { RecipientGroups1764001800000 } from './1764001800000-recipient-groups';
import { PolicyAsData1764001900000 } from './1764001900000-policy-as-data';
import { LetterSearch1764002000000 } from './1764002000000-letter-search';
import { LetterContent1764002100000 } from './1764002100000-letter-content';
import { PadesCertificates1764002200000 } from './1764002200000-pades-certificates';
import { OfficeLetterhead1764002300000 } from './1764002300000-office-letterhead';
import { ReplicaHeartbeat1764002500000 } from './1764002500000-replica-heartbeat';
import { InboxSortIndexes1764002700000 } from './1764002700000-inbox-sort-indexes';

/** Every migration, in order. Add new ones at the end; never edit one that has landed. */
export const ALL_MIGRATIONS = [
  Foundation1764000000000,
  Correspondence1764000100000,
  Dispatch1764000200000,
  Disposition1764000300000,
  Records1764000400000,
  LetterNumberUnique1764000500000,
  FilePurge1764000600000,
  LetterHoldings1764000700000,
  AccessGrantReasons1764000710000,
  SessionVersion1764000800000,
  VerificationTokensAndSigningKeys1764000900000,
  SweepRunOffice1764001000000,
  DossierBackdateRejection1764001300000,
  DeliverySearch1764001400000,
  HealthProbes1764001600000,
  WorklistIndexes1764001700000,
  RecipientGroups1764001800000,
  PolicyAsData1764001900000,
  LetterSearch1764002000000,
  LetterContent1764002100000,
  PadesCertificates1764002200000,
  OfficeLetterhead1764002300000,
  ReplicaHeartbeat1764002500000,
  InboxSortIndexes1764002700000,
];
