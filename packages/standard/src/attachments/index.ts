/** Attachments of standard 2.1: their limits and the references a signed payload carries. */
export * from './limits.ts';
export * from './references.ts';
