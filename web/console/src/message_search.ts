/**
 * The message-log search: the form's fields, how they sit in the console's address (so a search
 * can be shared), and how that address becomes the query of `GET /v1/operator/messages`.
 * The dates are whole local days: "Vanaf" from that day's midnight, "Tot en met" up to the
 * next day's midnight (the API's `to` is exclusive).
 */
import { isOin, localDayStart } from './format.ts';

/** The search fields, in the form's order; each key is also the query parameter's name. */
export const SEARCH_KEYS = [
  'messageId',
  'conversationId',
  'inReplyTo',
  'sender',
  'recipient',
  'module',
  'messageType',
  'status',
  'from',
  'to',
  'pickedUp',
  'version',
] as const;

export type SearchKey = (typeof SEARCH_KEYS)[number];
export type SearchForm = Readonly<Record<SearchKey, string>>;

/** The Dutch label of each field, exactly as the form shows it. */
export const SEARCH_LABELS: Readonly<Record<SearchKey, string>> = {
  messageId: 'Bericht-id',
  conversationId: 'Dossier (conversatie-id)',
  inReplyTo: 'Antwoord op (bericht-id)',
  sender: 'Afzender (OIN)',
  recipient: 'Ontvanger (OIN)',
  module: 'Module',
  messageType: 'Berichttype',
  status: 'Status',
  from: 'Vanaf datum',
  to: 'Tot en met datum',
  pickedUp: 'Opgehaald',
  version: 'Versie',
};

/** The id of a field's input. */
export function searchFieldId(key: SearchKey): string {
  return `search-${key}`;
}

/** The form as the address describes it (absent parameters are empty fields). */
export function formFromUrl(search: URLSearchParams): SearchForm {
  const form = {} as Record<SearchKey, string>;
  for (const key of SEARCH_KEYS) form[key] = search.get(key) ?? '';
  return form;
}

/** The address's query for a form: only the filled-in fields, trimmed, and no cursor. */
export function urlFromForm(form: SearchForm): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of SEARCH_KEYS) {
    const value = form[key].trim();
    if (value !== '') query.set(key, value);
  }
  return query;
}

/** The API's query for the address: dates become instants; the cursor is kept. */
export function apiQueryFromUrl(search: URLSearchParams): URLSearchParams {
  const query = new URLSearchParams();
  const form = formFromUrl(search);
  for (const key of SEARCH_KEYS) {
    const value = form[key].trim();
    if (value === '') continue;
    if (key === 'from') query.set('from', localDayStart(value) ?? value);
    else if (key === 'to') query.set('to', localDayStart(value, 1) ?? value);
    else query.set(key, value);
  }
  const cursor = search.get('cursor');
  if (cursor !== null && cursor !== '') query.set('cursor', cursor);
  return query;
}

/** The form's mistakes, by field id, in Dutch. */
export function validateSearch(form: SearchForm): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const key of ['sender', 'recipient'] as const) {
    const value = form[key].trim();
    if (value !== '' && !isOin(value)) {
      errors[searchFieldId(key)] = 'Een OIN bestaat uit 20 cijfers.';
    }
  }
  const from = form.from.trim();
  const to = form.to.trim();
  if (from !== '' && localDayStart(from) === undefined) {
    errors[searchFieldId('from')] = 'Vul een geldige datum in.';
  }
  if (to !== '' && localDayStart(to) === undefined) {
    errors[searchFieldId('to')] = 'Vul een geldige datum in.';
  } else if (from !== '' && to !== '' && to < from) {
    errors[searchFieldId('to')] = 'Deze datum ligt vóór de datum bij "Vanaf datum".';
  }
  return errors;
}
