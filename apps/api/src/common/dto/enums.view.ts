import type {
  CounterDimension, DeliveryDetail, InboxItem, LetterStatus, LetterView, OutboxBox, RecipientGroup, Relation, RouteHop, RoutePreview, RoutingMode, SecurityClass, TemplateSource, TrackingStatus,
  Urgency, WorkItem, WorkQueue,
} from '@naskah/correspondence';
import type { WorkSort } from '@naskah/db';
import type { PipelineVerdict, QueueName } from '@naskah/queue';
import type { DispositionStatus, DispositionView, HolidayView, PreparedStatus } from '@naskah/disposition';
import type { DelegationView, Role, UserView } from '@naskah/identity';
import type { NotificationView } from '@naskah/notification';
import type { OfficeView, UnitView } from '@naskah/organisation';
import type { ApprovalView, DossiersService, ReappraiseDossierUseCase, DossierRow, FinalAction, ProposalKind, ProposalRow, ProposalStatus, RetentionWhy, SweepScope } from '@naskah/records';

type ReappraisalResult = Awaited<ReturnType<ReappraiseDossierUseCase['run']>>;

type Missing<T, A extends readonly unknown[]> = Exclude<T, A[number]>;

/**
 * Every value of a string union, for an OpenAPI enum: a value the union has and the list lacks
 * fails the typecheck (an extra argument is then required), so the documented enum follows the
 * service's type.
 */
export const valuesOf =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A, ..._missing: [Missing<T, A>] extends [never] ? [] : [missing: Missing<T, A>]): T[] =>
    [...values];

// correspondence
export const SECURITY_CLASS = valuesOf<SecurityClass>()(['B', 'T', 'R', 'SR']);
export const URGENCY = valuesOf<Urgency>()(['BIASA', 'SEGERA', 'AMAT_SEGERA']);
export const LETTER_STATUS = valuesOf<LetterStatus>()(['DRAFT', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'SIGNED', 'SENT', 'CANCELLED']);
export const LETTER_ORIGIN = valuesOf<LetterView['origin']>()(['INTERNAL', 'EXTERNAL']);
export const RECIPIENT_KIND = valuesOf<InboxItem['kind']>()(['TO', 'CC']);
export const DELIVERY_STATUS = valuesOf<InboxItem['status']>()(['DELIVERED', 'READ', 'FORWARDED', 'RETURNED']);
export const ARRIVED_BY = valuesOf<DeliveryDetail['arrivedBy']>()(['SEND', 'FORWARD', 'RETURN', 'REGISTER']);
export const ROUTE_ACTION = valuesOf<RouteHop['action']>()(['SEND', 'FORWARD', 'RETURN', 'REGISTER', 'RECEIVED']);
export const ROUTE_MODE = valuesOf<RoutePreview['mode']>()(['DIRECT', 'VIA_PARENT', 'FORBIDDEN']);
export const OUTBOX_BOX = valuesOf<OutboxBox>()(['drafts', 'in-review', 'awaiting-review', 'awaiting-signature', 'sent']);
export const TRACKING_STATUS = valuesOf<TrackingStatus>()(['UNREAD', 'READ', 'FORWARDED', 'DISPOSED', 'ACTED', 'RETURNED']);

// policy as data (routing, numbering)
export const ROUTING_MODE = valuesOf<RoutingMode>()(['DIRECT', 'VIA_PARENT', 'FORBIDDEN']);
export const ROUTING_RELATION = valuesOf<Relation>()(['SAME_OFFICE', 'KPU_RI', 'OWN_PROVINSI', 'OTHER_PROVINSI', 'KABKOTA_SAME_PROVINCE', 'KABKOTA_OTHER_PROVINCE', 'EXTERNAL']);
export const COUNTER_DIMENSION = valuesOf<CounterDimension>()(['office', 'type', 'year', 'unit', 'classification', 'month']);
export const TEMPLATE_SOURCE = valuesOf<TemplateSource>()(['OFFICE_TYPE', 'OFFICE', 'TYPE', 'GLOBAL']);

// work queues
export const WORK_QUEUE = valuesOf<WorkQueue>()(['review', 'signature', 'returned', 'ready-to-send', 'to-forward', 'unread', 'no-follow-up', 'dispositions', 'proposals', 'unfiled']);
export const WORK_ITEM_KIND = valuesOf<WorkItem['kind']>()(['LETTER', 'DELIVERY', 'DISPOSITION', 'PROPOSAL']);
export const WORK_SORT = valuesOf<WorkSort>()(['date', 'urgency']);

// operations
export const PIPELINE_VERDICT = valuesOf<PipelineVerdict>()(['OK', 'LATE', 'UNKNOWN']);
export const QUEUE_NAME = valuesOf<`${QueueName}`>()(['dispatch', 'documents', 'maintenance', 'disposition', 'notifications', 'records']);

// organisation and identity
export const OFFICE_LEVEL = valuesOf<OfficeView['level']>()(['RI', 'PROVINSI', 'KABKOTA']);
export const UNIT_KIND = valuesOf<UnitView['kind']>()(['PIMPINAN', 'SEKRETARIAT', 'BIRO', 'BAGIAN', 'SUBBAGIAN']);
export const POSITION_KIND = valuesOf<NonNullable<UserView['position']>['kind']>()([
  'KETUA', 'ANGGOTA', 'SEKRETARIS_JENDERAL', 'SEKRETARIS', 'KEPALA_BIRO', 'KABAG', 'KASUBBAG', 'ARSIPARIS', 'PENCATAT', 'STAF',
]);
export const ROLE = valuesOf<Role>()(['DRAFTER', 'REVIEWER', 'SIGNER', 'LEADER', 'REGISTRAR', 'ARCHIVIST', 'ADMIN']);
export const DELEGATION_KIND = valuesOf<DelegationView['kind']>()(['PLT', 'PLH']);

// dispositions and notifications
export const DISPOSITION_STATUS = valuesOf<DispositionStatus>()(['UNREAD', 'READ', 'IN_PROGRESS', 'DONE', 'CANCELLED']);
export const ACTING_CAPACITY = valuesOf<DispositionView['author']['capacity']>()(['SENDIRI', 'PLT', 'PLH']);
export const PREPARED_STATUS = valuesOf<PreparedStatus>()(['PENDING', 'CONFIRMED', 'DISCARDED']);
export const HOLIDAY_KIND = valuesOf<HolidayView['kind']>()(['LIBUR_NASIONAL', 'CUTI_BERSAMA']);
export const RECIPIENT_GROUP = valuesOf<RecipientGroup>()(['ALL_PROVINCES', 'ALL_KABKOTA', 'KABKOTA_OF_PROVINCE']);
export const NOTIFICATION_TYPE = valuesOf<NotificationView['type']>()([
  'LETTER_RECEIVED', 'DRAFT_RETURNED', 'DISPOSITION_NEW', 'DISPOSITION_PREPARED', 'DISPOSITION_REMINDER', 'DISPOSITION_DUE', 'DISPOSITION_OVERDUE',
  'DISPOSITION_ESCALATION', 'DISPOSITION_DONE', 'LETTER_UNREAD_REMINDER', 'PIPELINE_LATE', 'REVIEW_REQUESTED', 'SIGNATURE_REQUESTED', 'READY_TO_SEND', 'PROPOSAL_APPROVAL_REQUESTED',
]);

// records
export const DOSSIER_STATUS = valuesOf<DossierRow['status']>()(['ACTIVE', 'CLOSED', 'INACTIVE', 'REVIEW', 'DESTROYED', 'HANDED_OVER']);
export const FINAL_ACTION = valuesOf<FinalAction>()(['MUSNAH', 'PERMANEN', 'DINILAI_KEMBALI']);
export const RETENTION_TRIGGER = valuesOf<RetentionWhy['trigger']>()(['CLOSED', 'EVENT']);
export const DOSSIER_ITEM_KIND = valuesOf<Awaited<ReturnType<DossiersService['get']>>['items'][number]['kind']>()(['OUTGOING', 'INCOMING']);
export const PROPOSAL_KIND = valuesOf<ProposalKind>()(['TRANSFER', 'DESTROY', 'HANDOVER', 'REVIEW']);
export const PROPOSAL_STATUS = valuesOf<ProposalStatus>()(['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'EXECUTING', 'PACKAGED', 'EXECUTED', 'CANCELLED']);
export const PROPOSAL_ORIGIN = valuesOf<ProposalRow['origin']>()(['SWEEP', 'MANUAL']);
export const APPROVAL_STEP = valuesOf<ApprovalView['step']>()(['RECORDS_CENTRE_HEAD', 'APPRAISAL_COMMITTEE', 'OFFICE_LEADER']);
export const HOLD_STATUS = ['APPLYING', 'IN_FORCE', 'LIFTED'];
export const SWEEP_TRIGGER = ['SCHEDULE', 'MANUAL'];
export const MINUTES_KIND = ['BA_PEMINDAHAN', 'BA_PEMUSNAHAN', 'BA_PENYERAHAN', 'MANIFEST', 'HANDOVER_PACKAGE'];
export const MINUTES_FORMAT = ['PDF', 'XLSX', 'JSON', 'ZIP'];
export const REAPPRAISAL_DECISION = valuesOf<ReappraisalResult['decision']>()(['EXTEND', 'CHANGE_FINAL_ACTION', 'APPLY_RULE']);
export const SWEEP_SCOPE = valuesOf<SweepScope>()(['OFFICE', 'NATIONAL']);
