/** The message catalogue: modules × types, roles, reply rules, deadlines and module access. */
export * from './types.ts';
export * from './catalogue.ts';
export { MESSAGE_TYPE_SPECS } from './message_types.ts';
export { PARTICIPANT_KIND_SPECS } from './participant_kinds.ts';
export * from './working_days.ts';
export * from './vroegsignalering.ts';
