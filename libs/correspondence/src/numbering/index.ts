export {
  MAX_TEMPLATE_LENGTH,
  PLACEHOLDERS,
  parseTemplate,
  placeholdersOf,
  validateTemplate,
  type PlaceholderName,
  type TemplatePart,
  type TemplateValidation,
} from './number-template';
export { MAX_NUMBER_LENGTH, formatSeq, numberParts, renderNumber, type NumberContext, type NumberPart } from './render-number';
export { toRoman } from './roman';
export { KEPUTUSAN, KPU_CURRENT, KPU_LEGACY_UNIT, KPU_RI_LEGACY_DECISION, NUMBER_TEMPLATES, type NumberTemplateName } from './named-templates';
export {
  COUNTER_DIMENSIONS,
  DEFAULT_COUNTER_SCOPE,
  counterScopeKey,
  numberCollisionRisks,
  parseCounterScope,
  type CounterDimension,
  type CounterScope,
  type CounterScopeInput,
} from './counter-scope';
export { NumberingError, type NumberingErrorCode } from './numbering.errors';
export { nextUnusedSeq, numberLikePattern, seqOfNumber } from './issued-numbers';
