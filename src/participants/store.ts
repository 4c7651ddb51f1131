/**
 * What the participant registry needs from storage, owned here so that storage depends on the
 * registry's records and not the other way round: the ledger's adapters implement it (the
 * participants live in the ledger's database, and every change is an event in its chain).
 */
import type { Participant } from './types.ts';

/** The audit event of a change to a participant, as the registry records it. */
export interface ParticipantEvent {
  readonly subject: `participant:${string}`;
  readonly type: 'participant-changed';
  /** Hub time, ISO 8601. */
  readonly at: string;
  /** Who made the change, when one did (an operator, later). */
  readonly actor?: string;
  /** Metadata of the change and the whole record after it (`record`): never a payload or BSN. */
  readonly data: Readonly<Record<string, unknown>>;
}

/** A registry event as read back from its chain. */
export interface StoredParticipantEvent {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Participants and the record of their changes (history.ts). */
export interface ParticipantStore {
  putParticipant(participant: Participant): Promise<void>;
  getParticipant(oin: string): Promise<Participant | undefined>;
  listParticipants(): Promise<Participant[]>;
  findParticipantByThumbprint(thumbprint: string): Promise<Participant | undefined>;
  /** Appends the change's event to the participant's chain. */
  appendEvent(event: ParticipantEvent): Promise<unknown>;
  /** The last event of a chain, if it has any. */
  lastEvent(subject: string): Promise<StoredParticipantEvent | undefined>;
  /** The events of a chain, in order. */
  listEvents(subject: string): Promise<readonly StoredParticipantEvent[]>;
}
