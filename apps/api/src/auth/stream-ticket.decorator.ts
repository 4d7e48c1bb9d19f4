import { SetMetadata } from '@nestjs/common';

export const ACCEPTS_STREAM_TICKET = 'naskah:stream-ticket';
/**
 * The endpoint may also be opened with `?ticket=` (a single-use stream ticket, StreamTickets), for
 * clients that cannot send headers (EventSource). Only the notification stream carries it.
 */
export const AcceptsStreamTicket = () => SetMetadata(ACCEPTS_STREAM_TICKET, true);
