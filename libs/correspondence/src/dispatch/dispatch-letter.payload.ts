import { Matches } from 'class-validator';

/** Payload of JobName.DISPATCH_LETTER, validated by the worker before the handler runs. */
export class DispatchLetterPayload {
  @Matches(/^\d{1,19}$/, { message: 'transmissionId harus berupa id numerik' })
  transmissionId!: string;
}
