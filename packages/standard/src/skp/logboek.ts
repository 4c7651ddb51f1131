/**
 * The SKP's message log onto a participant's own log (`GET /v1/log`, docs/api.md): their
 * search message (`Invent. Logboek Zoekbericht`) becomes the query parameters of our search,
 * and their log record (`Waarborgfonds Logboek bericht`) is one of our log entries. Their
 * parties are UUIDs from the SKP's address book, ours OINs: the caller passes the table. Their
 * log searches one's own messages too, so an `Afzender` or `Ontvanger` is either the searching
 * party (our `direction`) or the other one (our `counterparty`); likewise an `Organisatietype`
 * names one's own side (`direction`) or the other party's kind (our `counterpartyRole`).
 */
import type { SkpField, SkpMapping } from './mapping.ts';
import { SkpValueError, defined, fromCode, skpDate } from './mapping.ts';

/** The SKP's log search; every element optional. */
export interface SkpLogboekZoekbericht {
  readonly Referentienummer?: string;
  readonly ConversatieReferentienummer?: string;
  readonly CrossReferentienummer?: string;
  readonly Afzender?: string;
  readonly Ontvanger?: string;
  readonly BerichtType?: string;
  readonly Opgehaald?: boolean;
  readonly Bevestigd?: boolean;
  readonly AfzenderOrganisatietype?: SkpOrganisatietype;
  readonly OntvangerOrganisatietype?: SkpOrganisatietype;
  readonly VanafDatum?: string;
  readonly TotDatum?: string;
  readonly Versie?: string;
}

/** Who searches, and how to read the SKP's identifiers. */
export interface SkpLogContext {
  /** The searching participant's OIN. */
  readonly self: string;
  /** The SKP address book: their party UUID → our OIN. */
  readonly adresboek: ReadonlyMap<string, string>;
  /** Their message-type codes → our message types (default `BERICHTTYPEN`). */
  readonly berichttypen?: ReadonlyMap<string, string>;
  /**
   * The searching party's own kind in the SKP: `SHV` (a debt helper) or `SE` (a creditor).
   * Needed to read a search on `Afzender`/`Ontvanger Organisatietype`.
   */
  readonly organisatietype?: SkpOrganisatietype;
}

/** The SKP's two kinds of organisation: a debt helper (SHV) or a creditor (SE). */
export type SkpOrganisatietype = 'SHV' | 'SE';

/**
 * Our roles of each SKP kind (`counterpartyRole`, comma-separated: any of). The SKP knows debt
 * helpers as one kind; we register a kredietbank and a bewindvoerder with roles of their own.
 * Every exchange in the SKP is between an SHV and an SE.
 */
export const ORGANISATIETYPE_ROLES: Readonly<Record<SkpOrganisatietype, string>> = Object.freeze({
  SHV: 'schuldhulpverlener,kredietbank,bewindvoerder',
  SE: 'schuldeiser',
});

/**
 * The SKP's message types, by the names their portal lists, and ours. Their log's codes are not
 * in the stored pages; a party whose codes differ passes its own table.
 */
export const BERICHTTYPEN: ReadonlyMap<string, string> = new Map([
  ['Kennisgeving', 'kennisgeving'],
  ['Saldoverzoek', 'saldoverzoek'],
  ['SaldoverzoekAntwoord', 'saldoverzoek-antwoord'],
  ['SaldoverzoekAntwoordVoorafAkkoord', 'saldoverzoek-antwoord-vooraf-akkoord'],
  ['Betaalvoorstel', 'betaalvoorstel'],
  ['BetaalvoorstelAntwoord', 'betaalvoorstel-antwoord'],
  ['Heroverweging', 'heroverweging'],
  ['SchuldregelingAkkoord', 'schuldregeling-akkoord'],
  ['SchuldregelingBeeindigd', 'schuldregeling-beeindigd'],
  ['GeenMedewerking', 'geen-medewerking'],
  ['Statusverzoek', 'statusverzoek'],
  ['StatusberichtSHV', 'statusbericht'],
  ['StatusberichtSE', 'statusbericht'],
  ['AanvraagBorgstelling', 'aanvraag-borgstelling'],
  ['UitbetalingBorgstelling', 'uitbetaling-borgstelling'],
  ['BeeindigingBorgstelling', 'beeindiging-borgstelling'],
  ['Goedgekeurd', 'borgstelling-besluit'],
]);

const search = (skp: string, pointer: string, note?: string): SkpField =>
  defined({ skp, required: false, target: 'log-search' as const, pointer, note }) as SkpField;

const SEARCH_FIELDS: readonly SkpField[] = [
  search('Referentienummer', 'messageId'),
  search('ConversatieReferentienummer', 'conversationId'),
  search('CrossReferentienummer', 'inReplyTo'),
  search(
    'Afzender',
    'direction/counterparty',
    'oneself → `direction=sent`; another → `direction=received&counterparty=<OIN>`',
  ),
  search(
    'Ontvanger',
    'direction/counterparty',
    'oneself → `direction=received`; another → `direction=sent&counterparty=<OIN>`',
  ),
  search('Bericht type', 'messageType', 'their code → our type'),
  search('Opgehaald', 'fetched'),
  search('Bevestigd', 'pickedUp'),
  search(
    'Afzender Organisatietype',
    'direction/counterpartyRole',
    "one's own kind → `direction=sent`; the other → `direction=received&counterpartyRole=<its roles>`",
  ),
  search(
    'Ontvanger Organisatietype',
    'direction/counterpartyRole',
    "one's own kind → `direction=received`; the other → `direction=sent&counterpartyRole=<its roles>`",
  ),
  search('VanafDatum', 'from', 'the day from 00:00 UTC'),
  search('TotDatum', 'to', 'up to and including the day: `to` is the next day 00:00 UTC'),
  search('Versie', 'version', "their definitions' versions are not ours: a filter on 2.0 or 2.1"),
];

function oin(context: SkpLogContext, element: string, party: string): string {
  const found = context.adresboek.get(party.toLowerCase());
  if (found === undefined)
    throw new SkpValueError(element, 'names a party not in the address book');
  return found;
}

/** The day after `date` (RFC 3339 full-date). */
function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** Direction and counterparty from the SKP's `Afzender` and `Ontvanger`. */
function sides(query: SkpLogboekZoekbericht, context: SkpLogContext): Record<string, string> {
  const sender =
    query.Afzender === undefined ? undefined : oin(context, 'Afzender', query.Afzender);
  const recipient =
    query.Ontvanger === undefined ? undefined : oin(context, 'Ontvanger', query.Ontvanger);
  if (sender === context.self)
    return defined({ direction: 'sent', counterparty: recipient }) as Record<string, string>;
  if (recipient === context.self)
    return defined({ direction: 'received', counterparty: sender }) as Record<string, string>;
  if (sender !== undefined && recipient !== undefined) {
    throw new SkpValueError('Afzender/Ontvanger', 'a log shows only its own messages');
  }
  if (sender !== undefined) return { direction: 'received', counterparty: sender };
  if (recipient !== undefined) return { direction: 'sent', counterparty: recipient };
  return {};
}

/**
 * Direction and the other party's roles from the SKP's `Afzender`/`Ontvanger Organisatietype`:
 * one's own kind names one's own side, the other kind the counterparty's.
 */
function kinds(query: SkpLogboekZoekbericht, context: SkpLogContext): Record<string, string> {
  const sender = query.AfzenderOrganisatietype;
  const recipient = query.OntvangerOrganisatietype;
  if (sender === undefined && recipient === undefined) return {};
  const own = context.organisatietype;
  const element = sender === undefined ? 'Ontvanger Organisatietype' : 'Afzender Organisatietype';
  if (own === undefined) {
    throw new SkpValueError(element, "needs the searching party's own Organisatietype");
  }
  for (const [name, kind] of [
    ['Afzender Organisatietype', sender],
    ['Ontvanger Organisatietype', recipient],
  ] as const) {
    if (kind !== undefined && !Object.hasOwn(ORGANISATIETYPE_ROLES, kind)) {
      throw new SkpValueError(name, 'is neither SHV nor SE');
    }
  }
  if (sender === recipient) {
    throw new SkpValueError(
      'Afzender/Ontvanger Organisatietype',
      'an exchange is between an SHV and an SE',
    );
  }
  // Every exchange is between an SHV and an SE: one side is one's own kind, the other the other's.
  const other = own === 'SHV' ? 'SE' : 'SHV';
  const sent = sender === own || recipient === other;
  return { direction: sent ? 'sent' : 'received', counterpartyRole: ORGANISATIETYPE_ROLES[other] };
}

/** The SKP's log search → the query parameters of `GET /v1/log`. */
export function translateLogSearch(
  query: SkpLogboekZoekbericht,
  context: SkpLogContext,
): Record<string, string> {
  const bool = (value: boolean | undefined) => (value === undefined ? undefined : String(value));
  const parties = sides(query, context);
  const roles = kinds(query, context);
  if (
    parties['direction'] !== undefined &&
    roles['direction'] !== undefined &&
    parties['direction'] !== roles['direction']
  ) {
    throw new SkpValueError(
      'Afzender/Ontvanger Organisatietype',
      'names the other side than Afzender/Ontvanger do',
    );
  }
  return defined({
    messageId: query.Referentienummer?.toLowerCase(),
    conversationId: query.ConversatieReferentienummer?.toLowerCase(),
    inReplyTo: query.CrossReferentienummer?.toLowerCase(),
    ...parties,
    ...roles,
    messageType:
      query.BerichtType === undefined
        ? undefined
        : fromCode('Bericht type', context.berichttypen ?? BERICHTTYPEN, query.BerichtType),
    fetched: bool(query.Opgehaald),
    pickedUp: bool(query.Bevestigd),
    from:
      query.VanafDatum === undefined
        ? undefined
        : `${skpDate('VanafDatum', query.VanafDatum)}T00:00:00Z`,
    to:
      query.TotDatum === undefined
        ? undefined
        : `${nextDay(skpDate('TotDatum', query.TotDatum))}T00:00:00Z`,
    version: query.Versie,
  }) as Record<string, string>;
}

/** The SKP's log search → `GET /v1/log` (the mapping's declaration; the context is fixed). */
export function logboekZoekbericht(
  context: SkpLogContext,
): SkpMapping<SkpLogboekZoekbericht, Record<string, string>> {
  return Object.freeze({
    skpMessage: 'Invent. Logboek Zoekbericht',
    skpModule: 'all',
    source:
      'https://schuldenknooppunt.atlassian.net/wiki/spaces/skp/pages/5741172/Invent.+Logboek+Zoekbericht',
    messageType: 'log-search',
    version: '2.1',
    fields: SEARCH_FIELDS,
    translate: (query: SkpLogboekZoekbericht) => translateLogSearch(query, context),
  });
}

/** One record of the SKP's log (`Waarborgfonds Logboek bericht`). */
export interface SkpLogboekBericht {
  readonly Referentienummer: string;
  readonly ConversatieReferentienummer: string;
  readonly CrossReferentienummer?: string;
  readonly Afzender: string;
  readonly Ontvanger: string;
  readonly BerichtType: string;
  readonly Opgehaald: boolean;
  readonly Bevestigd: boolean;
  readonly Datum: string;
  readonly Versie: string;
}

const entry = (skp: string, pointer: string, note?: string): SkpField =>
  defined({ skp, required: true, target: 'log-entry' as const, pointer, note }) as SkpField;

const ENTRY_FIELDS: readonly SkpField[] = [
  entry('Referentienummer', '/messageId'),
  entry('ConversatieReferentienummer', '/conversationId'),
  { ...entry('CrossReferentienummer', '/inReplyTo'), required: false },
  entry('Afzender', '/sender', 'address-book UUID → OIN'),
  entry('Ontvanger', '/recipient', 'address-book UUID → OIN'),
  entry('Bericht type', '/messageType', 'their code → our type'),
  entry('Opgehaald', '/fetched'),
  entry('Bevestigd', '/pickedUp'),
  entry('Datum', '/receivedAt', 'date and time in UTC in both'),
  entry('Versie', '/version'),
];

/** An SKP log record → the fields of our log entry (`LogEntry` of `GET /v1/log`) it fills. */
export function logboekBericht(
  context: SkpLogContext,
): SkpMapping<SkpLogboekBericht, Record<string, unknown>> {
  return Object.freeze({
    skpMessage: 'Waarborgfonds Logboek bericht',
    skpModule: 'Waarborgfonds',
    source:
      'https://schuldenknooppunt.atlassian.net/wiki/spaces/skp/pages/5737704/Waarborgfonds+Logboek+bericht',
    messageType: 'log-entry',
    version: '2.1',
    fields: ENTRY_FIELDS,
    translate: (record: SkpLogboekBericht) =>
      defined({
        messageId: record.Referentienummer.toLowerCase(),
        conversationId: record.ConversatieReferentienummer.toLowerCase(),
        inReplyTo: record.CrossReferentienummer?.toLowerCase(),
        sender: oin(context, 'Afzender', record.Afzender),
        recipient: oin(context, 'Ontvanger', record.Ontvanger),
        messageType: fromCode(
          'Bericht type',
          context.berichttypen ?? BERICHTTYPEN,
          record.BerichtType,
        ),
        fetched: record.Opgehaald,
        pickedUp: record.Bevestigd,
        receivedAt: new Date(record.Datum).toISOString(),
        version: record.Versie,
      }),
  });
}
