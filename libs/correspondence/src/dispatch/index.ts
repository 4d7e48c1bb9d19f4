export * from './send.service';
export * from './dispatch.job';
export * from './dispatch-letter.payload';
export { agendaScopeKey } from './agenda-numbers';
export type { TransmissionKind, TransmissionTarget } from './transmissions';
export type { RoutePreview, RouteHopPreview } from './route-preview';
export type { RecipientRef } from './resolve-addressees';
export * from './stuck-work.redriver';
