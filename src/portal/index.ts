/** The participant portal: its users (accounts with a second factor). */
export * from './types.ts';
export * from './store.ts';
export { PortalAccounts, portalUserView } from './accounts.ts';
export type { PortalAccountsDeps, PortalEnrolment } from './accounts.ts';
export { acceptedTotpStep, newTotpSecret, totpCode, totpUri } from './totp.ts';
export { PortalSessions } from './sessions.ts';
export { enrolmentProofText, jwkThumbprint, PortalKeys } from './keys.ts';
export type { KeyCertifier, PortalKeyView } from './keys.ts';
