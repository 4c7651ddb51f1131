/**
 * The message catalogue as data: for every message type its modules, who sends and who
 * receives it, what answers it, the answer deadline and what it does to its conversation.
 * Source: DOMAIN.md ("Modules, message types, senders"); choices where it is silent are in
 * docs/catalogue.md. The pipeline reads this table; nothing else encodes these rules.
 */
import type {
  ConversationEffect,
  MessageTypeName,
  MessageTypeSpec,
  Module,
  ReplyRule,
  Role,
  Routing,
} from './types.ts';
import { MODULES, ROLES } from './types.ts';

/** Debt helpers that run a schuldregeling: municipal counsellors and credit banks. */
const SHV: readonly Role[] = ['schuldhulpverlener', 'kredietbank'];
/** Debt helpers that may ask for balances and propose payment arrangements. */
const SHV_OR_BEWIND: readonly Role[] = ['schuldhulpverlener', 'kredietbank', 'bewindvoerder'];
const SE: readonly Role[] = ['schuldeiser'];
/** The modules of a debt case; vroegsignalering comes before there is one (no status messages). */
const CASE_MODULES: readonly Module[] = MODULES.filter((module) => module !== 'vroegsignalering');
/** Municipal debt help: the municipality a signal goes to (kind `schuldhulpverlener-fase-*`). */
const MUNICIPALITY: readonly Role[] = ['schuldhulpverlener'];

/** The process agreement's answer term for creditors (DOMAIN.md: 10 working days). */
const CREDITOR_TERM = 10;
/** Our choice for the Waarborgfonds' decision term on an automatic-route request. */
const WAARBORGFONDS_TERM = 5;

interface Row {
  title: string;
  modules: readonly Module[];
  from: readonly Role[];
  to: readonly Role[];
  answeredBy?: readonly MessageTypeName[];
  deadline?: number;
  inReplyTo: ReplyRule;
  conversation: ConversationEffect;
  versions?: readonly string[];
  /** @defaultValue `recipient` */
  routing?: Routing;
  hubReads?: Readonly<Record<string, string>>;
}

const ROWS: Readonly<Record<MessageTypeName, Row>> = {
  kennisgeving: {
    title: 'Tells a creditor the debtor is in debt help (NVVK: collection is suspended)',
    modules: ['schuldregeling'],
    from: SHV,
    to: SE,
    answeredBy: ['kennisgeving-antwoord', 'geen-medewerking'],
    inReplyTo: 'forbidden',
    conversation: 'opens',
    versions: ['2.0', '2.1'],
  },
  'kennisgeving-antwoord': {
    title: "Optional answer to a kennisgeving with the creditor's client and invoice numbers",
    modules: ['schuldregeling'],
    from: SE,
    to: SHV,
    inReplyTo: 'required',
    conversation: 'continues',
    versions: ['2.0', '2.1'],
  },
  'geen-medewerking': {
    title: 'The creditor will not cooperate, with the reason',
    modules: ['schuldinventarisatie', 'schuldregeling'],
    from: SE,
    to: SHV_OR_BEWIND,
    inReplyTo: 'required',
    conversation: 'continues',
    versions: ['2.0', '2.1'],
  },
  saldoverzoek: {
    title: 'Asks a creditor for the current claim',
    modules: ['schuldinventarisatie', 'schuldregeling'],
    from: SHV_OR_BEWIND,
    to: SE,
    answeredBy: [
      'saldoverzoek-antwoord',
      'saldoverzoek-antwoord-vooraf-akkoord',
      'geen-medewerking',
    ],
    deadline: CREDITOR_TERM,
    inReplyTo: 'forbidden',
    conversation: 'opens',
    versions: ['2.0', '2.1'],
  },
  'saldoverzoek-antwoord': {
    title: 'The claim lines in answer to a saldoverzoek',
    modules: ['schuldinventarisatie', 'schuldregeling'],
    from: SE,
    to: SHV_OR_BEWIND,
    inReplyTo: 'required',
    conversation: 'continues',
    versions: ['2.0', '2.1'],
  },
  'saldoverzoek-antwoord-vooraf-akkoord': {
    title: 'The claim lines, agreeing in advance to a proposal under the covenant',
    modules: ['schuldinventarisatie', 'schuldregeling'],
    from: SE,
    to: SHV_OR_BEWIND,
    inReplyTo: 'required',
    conversation: 'continues',
    versions: ['2.0', '2.1'],
  },
  betaalvoorstel: {
    title: 'Settlement proposal: schuldbemiddeling, saneringskrediet or nul-aanbod',
    modules: ['schuldregeling'],
    from: SHV,
    to: SE,
    answeredBy: ['betaalvoorstel-antwoord'],
    deadline: CREDITOR_TERM,
    inReplyTo: 'forbidden',
    conversation: 'opens',
    versions: ['2.0', '2.1'],
  },
  'betaalvoorstel-antwoord': {
    title: 'The creditor agrees to or refuses a proposal (with a reason)',
    modules: ['schuldregeling'],
    from: SE,
    to: SHV,
    answeredBy: ['heroverweging'],
    inReplyTo: 'required',
    conversation: 'continues',
    versions: ['2.0', '2.1'],
  },
  heroverweging: {
    title: 'Asks a refusing creditor to reconsider the proposal',
    modules: ['schuldregeling'],
    from: SHV,
    to: SE,
    answeredBy: ['betaalvoorstel-antwoord'],
    deadline: CREDITOR_TERM,
    inReplyTo: 'required',
    conversation: 'continues',
    versions: ['2.0', '2.1'],
  },
  'schuldregeling-akkoord': {
    title: 'All creditors agreed: the final amounts per claim',
    modules: ['schuldregeling'],
    from: SHV,
    to: SE,
    inReplyTo: 'forbidden',
    conversation: 'continues',
    versions: ['2.0', '2.1'],
  },
  'schuldregeling-beeindigd': {
    title: 'The schuldregeling has ended; closes the conversation',
    modules: ['schuldregeling'],
    from: SHV,
    to: SE,
    inReplyTo: 'forbidden',
    conversation: 'closes',
    versions: ['2.0', '2.1'],
  },
  statusverzoek: {
    title: 'Asks the other side for a status update',
    modules: CASE_MODULES,
    from: ROLES,
    to: ROLES,
    answeredBy: ['statusbericht'],
    deadline: CREDITOR_TERM,
    inReplyTo: 'forbidden',
    conversation: 'continues',
    versions: ['2.0', '2.1'],
  },
  statusbericht: {
    title: 'A status update, asked for or not',
    modules: CASE_MODULES,
    from: ROLES,
    to: ROLES,
    inReplyTo: 'optional',
    conversation: 'continues',
    versions: ['2.0', '2.1'],
  },
  'betalingsregeling-voorstel': {
    title: 'Proposes repaying 100% of a claim in instalments',
    modules: ['betalingsregeling'],
    from: SHV_OR_BEWIND,
    to: SE,
    answeredBy: ['betalingsregeling-antwoord'],
    deadline: CREDITOR_TERM,
    inReplyTo: 'forbidden',
    conversation: 'opens',
    // 2.1: its attachments are references; the documents travel as parts of their own.
    versions: ['2.0', '2.1'],
  },
  'betalingsregeling-antwoord': {
    title: 'The creditor agrees to or refuses a betalingsregeling',
    modules: ['betalingsregeling'],
    from: SE,
    to: SHV_OR_BEWIND,
    inReplyTo: 'required',
    conversation: 'continues',
  },
  'melding-bewind': {
    title: 'Bewind or Wsnp started or ended (court decision attached)',
    modules: ['meldingen-bewindvoering'],
    from: ['bewindvoerder'],
    to: SE,
    inReplyTo: 'forbidden',
    conversation: 'opens',
    // 2.1: the court decision is a reference; the PDF travels as an attachment of its own.
    versions: ['2.0', '2.1'],
  },
  'aanvraag-borgstelling': {
    title: 'A credit bank asks the Waarborgfonds to guarantee a loan',
    versions: ['2.0', '2.1'],
    modules: ['waarborgfonds'],
    from: ['kredietbank'],
    to: ['waarborgfonds'],
    answeredBy: ['borgstelling-besluit'],
    deadline: WAARBORGFONDS_TERM,
    inReplyTo: 'forbidden',
    conversation: 'opens',
  },
  'borgstelling-besluit': {
    title: "The Waarborgfonds' decision: guarantee given or refused",
    versions: ['2.0', '2.1'],
    modules: ['waarborgfonds'],
    from: ['waarborgfonds'],
    to: ['kredietbank'],
    inReplyTo: 'required',
    conversation: 'continues',
  },
  'uitbetaling-borgstelling': {
    title: 'The borrower defaulted: the credit bank claims the guarantee',
    versions: ['2.0', '2.1'],
    modules: ['waarborgfonds'],
    from: ['kredietbank'],
    to: ['waarborgfonds'],
    answeredBy: ['borgstelling-besluit'],
    deadline: CREDITOR_TERM,
    inReplyTo: 'forbidden',
    conversation: 'continues',
  },
  'beeindiging-borgstelling': {
    title: 'The guaranteed loan has ended',
    versions: ['2.0', '2.1'],
    modules: ['waarborgfonds'],
    from: ['kredietbank'],
    to: ['waarborgfonds'],
    answeredBy: ['borgstelling-besluit'],
    deadline: CREDITOR_TERM,
    inReplyTo: 'forbidden',
    conversation: 'continues',
  },
  // Vroegsignalering (Wet gemeentelijke schuldhulpverlening, art. 3a; docs/catalogue.md): the
  // creditor of fixed costs knows the address, the hub finds the municipality by postcode.
  'signaal-betalingsachterstand': {
    title: 'A creditor of fixed costs signals payment arrears to the municipality (by postcode)',
    modules: ['vroegsignalering'],
    from: SE,
    to: MUNICIPALITY,
    answeredBy: ['signaal-uitkomst'],
    inReplyTo: 'forbidden',
    conversation: 'opens',
    versions: ['2.1'],
    routing: 'postcode',
    hubReads: { vasteLast: '/vasteLast' },
  },
  'signaal-uitkomst': {
    title: 'The municipality tells the creditor the outcome of its contact (no personal data)',
    modules: ['vroegsignalering'],
    from: MUNICIPALITY,
    to: SE,
    inReplyTo: 'required',
    conversation: 'closes',
    versions: ['2.1'],
    hubReads: { uitkomst: '/uitkomst' },
  },
};

function toSpec(name: MessageTypeName, row: Row): MessageTypeSpec {
  return Object.freeze({
    name,
    title: row.title,
    versions: Object.freeze([...(row.versions ?? ['2.0'])]),
    modules: new Set(row.modules),
    senderRoles: new Set(row.from),
    recipientRoles: new Set(row.to),
    answeredBy: new Set(row.answeredBy ?? []),
    answerDeadlineWorkingDays: row.deadline,
    inReplyTo: row.inReplyTo,
    conversation: row.conversation,
    routing: row.routing ?? 'recipient',
    hubReads: new Map(Object.entries(row.hubReads ?? {})),
  });
}

/** The catalogue's message types, by name. */
export const MESSAGE_TYPE_SPECS: ReadonlyMap<MessageTypeName, MessageTypeSpec> = new Map(
  (Object.entries(ROWS) as [MessageTypeName, Row][]).map(([name, row]) => [
    name,
    toSpec(name, row),
  ]),
);
