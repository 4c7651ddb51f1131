/**
 * What a new message starts with, so a person types only what they alone know: an answer
 * takes over from the message it answers every field both types have (client numbers, the
 * debtor, the partner, reference dates, invoice numbers), a `…BerichtId` field names that
 * message or the one of that type earlier in the case, and the contact person is the one the
 * user gave last time. Never a BSN: a portal answer does not repeat one.
 */
type Json = Record<string, unknown>;

/** Fields an answer never takes over: the sender's own contact, its own words, its files. */
const OWN = new Set(['contactpersoon', 'toelichting', 'bijlagen', 'bekendeVorderingen']);

/** A copy without any `bsn` member, at any depth. */
export function withoutBsn(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBsn);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value as Json)
      .filter(([key]) => key !== 'bsn')
      .map(([key, inner]) => [key, withoutBsn(inner)]),
  );
}

/** A message of the case, as the prefill needs it. */
export interface CaseMessage {
  readonly messageId: string;
  readonly messageType: string;
  readonly receivedAt: string;
}

/** `betaalvoorstelBerichtId` → `betaalvoorstel`; `verlopenBerichtId` → `verlopen`. */
function typeOfIdField(name: string): string | undefined {
  const match = /^([a-z][A-Za-z]*)BerichtId$/.exec(name);
  return match?.[1]?.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

export interface PrefillInput {
  /** The schema of the message to make (bundled). */
  readonly schema: Readonly<Json>;
  /** The message answered, with its payload, when it is an answer. */
  readonly answering?: {
    readonly messageId: string;
    readonly messageType: string;
    readonly payload: Json;
  };
  /** The case's messages, to find what a `…BerichtId` names. */
  readonly caseMessages?: readonly CaseMessage[];
  /** The contact person the user gave last. */
  readonly contact?: Json;
}

/** The form's starting data. */
export function prefill({ schema, answering, caseMessages = [], contact }: PrefillInput): Json {
  const properties = (schema['properties'] ?? {}) as Json;
  const data: Json = {};
  for (const name of Object.keys(properties)) {
    const idOf = typeOfIdField(name);
    if (idOf !== undefined) {
      const named =
        answering?.messageType === idOf
          ? answering.messageId
          : [...caseMessages]
              .filter((message) => message.messageType === idOf)
              .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))[0]?.messageId;
      if (named !== undefined) data[name] = named;
      continue;
    }
    if (name === 'contactpersoon' && contact !== undefined) data[name] = contact;
    if (OWN.has(name) || answering === undefined) continue;
    const value = answering.payload[name];
    if (value !== undefined) data[name] = withoutBsn(value);
  }
  return data;
}

const CONTACT_KEY = 'knooppunt-portaal:contactpersoon';

/** The contact person `user` gave last (kept in this browser only). */
export function rememberedContact(user: string): Json | undefined {
  try {
    const text = localStorage.getItem(`${CONTACT_KEY}:${user}`);
    return text === null ? undefined : (JSON.parse(text) as Json);
  } catch {
    return undefined;
  }
}

export function rememberContact(user: string, contact: unknown): void {
  if (typeof contact !== 'object' || contact === null) return;
  try {
    localStorage.setItem(`${CONTACT_KEY}:${user}`, JSON.stringify(contact));
  } catch {
    // A browser that keeps nothing: the user types it again next time.
  }
}
