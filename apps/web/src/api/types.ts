/**
 * Response shapes the screens use. SEAM: the API does not document its response schemas yet
 * (branch `schemas` adds them); until the generated schema.d.ts carries them, these hand-written
 * types describe what the API answers (from libs/*: InboxItem, DeliveryView, NotificationView …).
 * Once the schemas land, replace each with `components['schemas'][…]` and drop this file.
 */
export interface Me {
  user: { id: number; username: string; fullName: string; nip: string | null; email: string | null };
  position: { id: number; title: string; kind: string } | null;
  office: { id: number; code: string; name: string } | null;
  roles: string[];
  delegations: { id: number; positionId: number; positionTitle: string; officeId: number; kind: 'PLT' | 'PLH'; startsOn: string; endsOn: string }[];
}

export interface InboxItem {
  id: string;
  letterId: string;
  arrivedBy: string;
  kind: 'TO' | 'CC';
  isCopy: boolean;
  status: string;
  positionId: number;
  officeId: number;
  agendaNumber: number;
  agendaYear: number;
  toBeForwarded: boolean;
  finalOfficeId: number | null;
  finalPositionId: number | null;
  sender: { officeId: number; name: string };
  via: { officeId: number; officeName: string; note: string | null } | null;
  subject: string;
  number: string | null;
  typeCode: string;
  urgency: string;
  securityClass: string;
  deliveredAt: string;
  readAt: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  page: number;
  pageSize: number;
  hasMore: boolean;
  nextBefore: string | null;
  positionIds: number[];
}

export interface LetterView {
  id: string;
  number: string | null;
  typeCode: string;
  subject: string;
  summary: string | null;
  body: string;
  urgency: string;
  securityClass: string;
  classificationCode: string;
  status: string;
  signedAt: string | null;
  signedCapacity: string | null;
  signerTitle: string | null;
  signerName: string | null;
  documentFileId: string | null;
  verificationToken?: string | null;
  external?: { sender?: string; number?: string; date?: string } | null;
  attachments?: { fileId: string; name: string; mime: string; sizeBytes: number }[];
}

export interface DeliveryView extends InboxItem {
  mine: boolean;
  position?: { title: string } | null;
  office?: { name: string } | null;
  actNote?: string | null;
  letter: LetterView;
}

export interface RouteHop {
  office?: { name: string } | null;
  name?: string;
  position?: { title: string } | null;
  action?: string;
  at?: string;
  by?: { name: string; capacity: string } | null;
  agendaNumber?: number;
  readAt?: string | null;
  note?: string | null;
  final?: boolean;
}

export interface HistoryEvent {
  action: string;
  occurredAt: string;
  actorPositionId: number | null;
  actorUserId: number | null;
  capacity: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface NotificationView {
  id: string;
  type: string;
  payload: { title?: string; message?: string; letterId?: string; deliveryId?: string; dispositionId?: string } & Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  unreadCount: number;
  nextBefore: string | null;
}

export interface MasterItem {
  code: string;
  name: string;
}

export interface ListPage<T> {
  items: T[];
  hasMore: boolean;
}

export interface OutboxItem {
  id: string;
  typeCode: string;
  subject: string;
  status: string;
  number: string | null;
  securityClass: string;
  urgency: string;
  updatedAt: string;
  sentAt: string | null;
  deliveryCounts?: Record<string, number> & { total: number };
}

export interface OutboxPage {
  box: string;
  items: OutboxItem[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}
