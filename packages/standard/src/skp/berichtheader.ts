/**
 * The SKP's message header (`Bericht header voor SE-Service` and the SHV-Service
 * Berichtheader; their `Stuurgegevens`, after the StUF-Envelop 2.1) onto our envelope: the
 * message's reference, the one it answers and the conversation are UUIDs in both. What their
 * header carries that our envelope has no place for goes into the payload: a consent statement
 * (toestemmingsverklaring) becomes a `bijlagen` reference (defs 2.1 `bijlage`) with the PDF
 * uploaded as an attachment of its own. Sender, recipient, type and time are the SOAP call's
 * in the SKP; in ours they are envelope fields the translating party fills in.
 */
import { attachmentDigest } from '../attachments/references.ts';
import type { SkpField, SkpMapping } from './mapping.ts';
import { SkpValueError, defined } from './mapping.ts';

/** The consent statement as the SHV-Service header carries it: the PDF, base64-encoded. */
export interface SkpToestemmingsverklaring {
  readonly Bestandsnaam: string;
  readonly Inhoud: string;
}

/** The SKP header's `Stuurgegevens`, and the SHV-Service header's consent statement. */
export interface SkpBerichtheader {
  readonly Stuurgegevens: {
    readonly Referentienummer: string;
    readonly CrossReferentienummer?: string;
    readonly ConversatieReferentienummer: string;
    readonly Versie: string;
  };
  readonly Toestemmingsverklaring?: SkpToestemmingsverklaring;
}

/** What the header becomes: envelope fields, and the consent statement's reference and bytes. */
export interface TranslatedHeader {
  readonly envelope: {
    readonly messageId: string;
    readonly conversationId: string;
    readonly inReplyTo?: string;
    readonly version: '2.1';
  };
  /** Goes into the payload's `bijlagen` (the message types that carry one, e.g. saldoverzoek). */
  readonly bijlage?: {
    readonly soort: 'toestemmingsverklaring';
    readonly bestandsnaam: string;
    readonly mediaType: 'application/pdf';
    readonly grootte: number;
    readonly sha256: string;
  };
  /** The document itself, to upload (`PUT /v1/attachments/{sha256}`) before the message. */
  readonly document?: Uint8Array;
}

const FIELDS: readonly SkpField[] = [
  {
    skp: 'Stuurgegevens.Referentienummer',
    required: true,
    target: 'envelope',
    pointer: '/messageId',
    note: 'UUID in both; lowercased',
  },
  {
    skp: 'Stuurgegevens.CrossReferentienummer',
    required: false,
    target: 'envelope',
    pointer: '/inReplyTo',
    note: 'the reference of the message answered',
  },
  {
    skp: 'Stuurgegevens.ConversatieReferentienummer',
    required: true,
    target: 'envelope',
    pointer: '/conversationId',
  },
  {
    skp: 'Stuurgegevens.Versie',
    required: true,
    target: 'envelope',
    pointer: '/version',
    note: "their message definition's version (`2.0`) chooses the mapping; ours is `2.1`",
  },
  {
    skp: 'Toestemmingsverklaring',
    required: false,
    target: 'payload',
    pointer: '/bijlagen/0',
    note: 'SHV-Service header only: a reference with `soort` `toestemmingsverklaring`; the PDF is an attachment of its own',
  },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const VERSION = /^[0-9]+\.[0-9]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function uuid(element: string, value: string): string {
  const lower = value.trim().toLowerCase();
  if (!UUID.test(lower)) throw new SkpValueError(element, 'is no UUID');
  return lower;
}

function consent(
  statement: SkpToestemmingsverklaring,
): Pick<TranslatedHeader, 'bijlage' | 'document'> {
  if (!BASE64.test(statement.Inhoud)) {
    throw new SkpValueError('Toestemmingsverklaring', 'the content is not base64');
  }
  const document = new Uint8Array(Buffer.from(statement.Inhoud, 'base64'));
  return {
    bijlage: {
      soort: 'toestemmingsverklaring',
      bestandsnaam: statement.Bestandsnaam,
      mediaType: 'application/pdf',
      grootte: document.byteLength,
      sha256: attachmentDigest(document),
    },
    document,
  };
}

/** The SKP header → our envelope fields (and the consent statement's attachment). */
export const berichtheader: SkpMapping<SkpBerichtheader, TranslatedHeader> = Object.freeze({
  skpMessage: 'Berichtheader (SE-Service, SHV-Service)',
  skpModule: 'all',
  source:
    'https://schuldenknooppunt.atlassian.net/wiki/pages/diffpages.action?originalId=5734948&pageId=5737498',
  messageType: 'envelope',
  version: '2.1',
  fields: FIELDS,
  translate: (header: SkpBerichtheader): TranslatedHeader => {
    const { Referentienummer, CrossReferentienummer, ConversatieReferentienummer, Versie } =
      header.Stuurgegevens;
    if (!VERSION.test(Versie)) {
      throw new SkpValueError('Stuurgegevens.Versie', 'is no <major>.<minor>');
    }
    const envelope = defined({
      messageId: uuid('Stuurgegevens.Referentienummer', Referentienummer),
      conversationId: uuid(
        'Stuurgegevens.ConversatieReferentienummer',
        ConversatieReferentienummer,
      ),
      inReplyTo:
        CrossReferentienummer === undefined
          ? undefined
          : uuid('Stuurgegevens.CrossReferentienummer', CrossReferentienummer),
      version: '2.1' as const,
    }) as TranslatedHeader['envelope'];
    return {
      envelope,
      ...(header.Toestemmingsverklaring === undefined
        ? {}
        : consent(header.Toestemmingsverklaring)),
    };
  },
});
