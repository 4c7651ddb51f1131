/**
 * The participant registry's records: who is connected to the hub, in which capacity, with
 * which certificates, and how it takes delivery.
 */
import type { Module, ParticipantKind, VasteLast } from '@knooppunt/standard';

/** How a participant takes delivery of its messages. */
export type TransportPreference = 'rest' | 'amqp';

/** A registered certificate of a participant. */
export interface ParticipantCertificate {
  /** `x5t#S256`: base64url SHA-256 of the DER certificate. */
  readonly thumbprint: string;
  readonly certificatePem: string;
  readonly status: 'active' | 'revoked';
  readonly validFrom: string;
  readonly validTo: string;
  readonly addedAt: string;
  readonly revokedAt?: string;
  /** Rotated out: valid until then (the overlap period), revoked after. */
  readonly retiresAt?: string;
  /**
   * `portal`: a portal user's browser key (docs/portal.md), which signs only what the portal's
   * outbox takes; it obtains no token, passes no mTLS and signs nothing sent another way.
   */
  readonly use?: 'portal';
}

/** An organisation connected to the hub. */
export interface Participant {
  /** 20-digit OIN; the participant's identity everywhere. */
  readonly oin: string;
  readonly name: string;
  readonly kind: ParticipantKind;
  /** The modules it takes part in: those its kind allows, possibly fewer. */
  readonly modules: readonly Module[];
  /** A public body (Belastingdienst, CJIB, DUO, CAK, …) may receive a debtor's BSN. */
  readonly publicBody: boolean;
  /** Preferent creditor (e.g. the Belastingdienst): twice the concurrent percentage. */
  readonly preferent: boolean;
  readonly transport: TransportPreference;
  /**
   * The versions of the standard it takes delivery of (`['2.0', '2.1']`), oldest first.
   * Absent in records made before 2.1: those take `2.0` only (versions.ts).
   */
  readonly acceptedVersions?: readonly string[];
  /**
   * Municipal debt help: the postal areas whose early signals it takes (`3511`, or a range
   * `3500-3585`; vroegsignalering). Absent: it takes none.
   */
  readonly postcodegebieden?: readonly string[];
  /** A creditor of fixed costs: the kinds it collects and signals arrears of. Absent: none. */
  readonly vasteLasten?: readonly VasteLast[];
  readonly status: 'active' | 'suspended';
  readonly certificates: readonly ParticipantCertificate[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What the participant directory shows to other participants: no certificates, no status. */
export interface DirectoryEntry {
  readonly oin: string;
  readonly name: string;
  readonly kind: ParticipantKind;
  readonly modules: readonly Module[];
  readonly publicBody: boolean;
  readonly transport: TransportPreference;
  /** The versions of the standard it takes delivery of (a record without them: `['2.0']`). */
  readonly acceptedVersions: readonly string[];
  /** The postal areas whose early signals it takes (municipal debt help), when it declared them. */
  readonly postcodegebieden?: readonly string[];
  /** The kinds of fixed cost it collects (a creditor of fixed costs), when it declared them. */
  readonly vasteLasten?: readonly VasteLast[];
}
