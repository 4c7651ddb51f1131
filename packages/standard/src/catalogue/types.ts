/**
 * The vocabulary of the message catalogue: modules, roles, participant kinds and the traits
 * every message type declares. Data only; the lookups live in `catalogue.ts`.
 */

/** The modules of the standard: one phase of debt help each (DESIGN.md, vocabulary). */
export const MODULES = [
  'schuldinventarisatie',
  'betalingsregeling',
  'schuldregeling',
  'waarborgfonds',
  'meldingen-bewindvoering',
  'vroegsignalering',
] as const;
/** A module: a set of message types for one phase of debt help. */
export type Module = (typeof MODULES)[number];

/** The roles a participant plays in a message exchange. Operators are not participants. */
export const ROLES = [
  'schuldhulpverlener',
  'kredietbank',
  'bewindvoerder',
  'schuldeiser',
  'waarborgfonds',
] as const;
/** A participant's role in the exchange. */
export type Role = (typeof ROLES)[number];

/**
 * The kinds of participant the hub registers. The kind decides the role and the modules a
 * participant may use (DOMAIN.md, "Who may use which module").
 */
export const PARTICIPANT_KINDS = [
  'schuldhulpverlener-fase-1',
  'schuldhulpverlener-fase-2',
  'overige-schuldhulpverlener',
  'kredietbank',
  'bewindvoerder',
  'schuldeiser',
  'waarborgfonds',
] as const;
/** A kind of participant. */
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

/** Every message type of the standard. */
export const MESSAGE_TYPES = [
  'kennisgeving',
  'kennisgeving-antwoord',
  'geen-medewerking',
  'saldoverzoek',
  'saldoverzoek-antwoord',
  'saldoverzoek-antwoord-vooraf-akkoord',
  'betaalvoorstel',
  'betaalvoorstel-antwoord',
  'heroverweging',
  'schuldregeling-akkoord',
  'schuldregeling-beeindigd',
  'statusverzoek',
  'statusbericht',
  'betalingsregeling-voorstel',
  'betalingsregeling-antwoord',
  'melding-bewind',
  'aanvraag-borgstelling',
  'borgstelling-besluit',
  'uitbetaling-borgstelling',
  'beeindiging-borgstelling',
  'signaal-betalingsachterstand',
  'signaal-uitkomst',
] as const;
/** The name of a message type. */
export type MessageTypeName = (typeof MESSAGE_TYPES)[number];

/**
 * The hub's own notice to a sender whose message expired unfetched (DOMAIN.md: "the sender is
 * told"). Only the hub sends it, in reply to the expired message; it has a schema
 * (`verloopmelding-2.0`) but no place in the catalogue's table, since no participant may send it.
 */
export const EXPIRY_NOTICE_TYPE = 'verloopmelding';
/** The version of the expiry notice the hub sends. */
export const EXPIRY_NOTICE_VERSION = '2.0';

/**
 * What a message does to its conversation (the dossier of one debtor case):
 * - `opens`: may start a new conversation (or join the sender's open one with that id);
 * - `continues`: needs an existing, open conversation;
 * - `closes`: continues it and closes it; afterwards no message is accepted in it.
 */
export type ConversationEffect = 'opens' | 'continues' | 'closes';

/**
 * How the hub decides whether a message may go to the recipient its envelope names:
 * - `recipient`: the sender chooses the recipient (every type of a debt case);
 * - `postcode`: the recipient must be the municipality that serves the envelope's `postcode`
 *   (PC4) area in the directory (vroegsignalering: the creditor knows the address, not the
 *   municipality). The envelope must carry `postcode`; other types must not.
 */
export type Routing = 'recipient' | 'postcode';

/** Whether a message type carries `inReplyTo`. */
export type ReplyRule = 'required' | 'optional' | 'forbidden';

/** A set of modules, roles or kinds, frozen. */
export type ReadonlySetOf<T> = ReadonlySet<T>;

/** The declared traits of one message type: everything the pipeline needs to route it. */
export interface MessageTypeSpec {
  /** The type's name, e.g. `saldoverzoek`. */
  readonly name: MessageTypeName;
  /** One line for humans (catalogue listings, docs). */
  readonly title: string;
  /** The versions the hub accepts, newest last; each has a schema in `schemas/messages/`. */
  readonly versions: readonly string[];
  /** The modules the type belongs to; the envelope's module must be one of them. */
  readonly modules: ReadonlySetOf<Module>;
  /** Roles allowed to send the type. */
  readonly senderRoles: ReadonlySetOf<Role>;
  /** Roles allowed to receive the type. */
  readonly recipientRoles: ReadonlySetOf<Role>;
  /** The types that may answer a message of this type (`inReplyTo` naming it). */
  readonly answeredBy: ReadonlySetOf<MessageTypeName>;
  /** Working days the recipient has to answer; `undefined` when no answer is expected. */
  readonly answerDeadlineWorkingDays: number | undefined;
  /** Whether the envelope must, may or must not name the message it answers. */
  readonly inReplyTo: ReplyRule;
  /** What the message does to its conversation. */
  readonly conversation: ConversationEffect;
  /** How the recipient is decided. */
  readonly routing: Routing;
  /**
   * Payload fields the hub reads at acceptance and keeps as the message's metadata after the
   * payload is dropped (name → JSON pointer into the payload): categories from a closed list
   * for operators' figures, never personal data (signaal-uitkomst's outcome).
   */
  readonly hubReads: ReadonlyMap<string, string>;
}

/** How a participant kind may use one module. */
export interface ModuleAccess {
  /** May send messages of this module. */
  readonly send: boolean;
  /** May receive messages of this module. */
  readonly receive: boolean;
  /** An attachment the standard requires with this kind's messages in this module, if any. */
  readonly requiredAttachment?: 'rechterlijke-uitspraak' | 'toestemmingsverklaring';
}

/** The role and module access of one participant kind. */
export interface ParticipantKindSpec {
  readonly kind: ParticipantKind;
  readonly role: Role;
  readonly modules: ReadonlyMap<Module, ModuleAccess>;
}
