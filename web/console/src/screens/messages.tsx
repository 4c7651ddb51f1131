/**
 * Berichten: the message log. A search form whose fields sit in the address (so a search can be
 * shared and reloaded), the messages found, newest first, and paging with the API's cursor.
 */
import { Button, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { getParticipants, searchMessages } from '../api.ts';
import { AppLink } from '../../../shared/components/app_link.tsx';
import {
  ErrorSummary,
  SelectField,
  TextField,
  type Choice,
  type FieldErrors,
} from '../../../shared/components/fields.tsx';
import { MessagesTable } from '../components/messages_table.tsx';
import { PARTICIPANTS_KEY } from '../components/party.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { formatNumber } from '../format.ts';
import {
  SEARCH_KEYS,
  SEARCH_LABELS,
  apiQueryFromUrl,
  formFromUrl,
  searchFieldId,
  urlFromForm,
  validateSearch,
  type SearchForm,
  type SearchKey,
} from '../message_search.ts';
import { consoleHref, navigate, useLocation } from '../router.ts';

const STATUS_CHOICES: readonly Choice[] = [
  { value: '', label: 'alle' },
  { value: 'accepted', label: 'aangenomen' },
  { value: 'delivered', label: 'afgeleverd' },
  { value: 'picked-up', label: 'opgehaald' },
  { value: 'expired', label: 'verlopen' },
];

const PICKED_UP_CHOICES: readonly Choice[] = [
  { value: '', label: 'alle' },
  { value: 'true', label: 'ja' },
  { value: 'false', label: 'nee' },
];

const LABELS_BY_ID = Object.fromEntries(
  SEARCH_KEYS.map((key) => [searchFieldId(key), SEARCH_LABELS[key]]),
);

/** The modules participants take part in, to choose from; keeps a module already chosen. */
function useModuleChoices(current: string): readonly Choice[] {
  const participants = useQuery({ queryKey: PARTICIPANTS_KEY, queryFn: getParticipants });
  const modules = new Set(participants.data?.items.flatMap((p) => p.modules) ?? []);
  if (current !== '') modules.add(current);
  return [
    { value: '', label: 'alle' },
    ...[...modules].sort().map((m) => ({ value: m, label: m })),
  ];
}

function SearchFormView({ initial }: { readonly initial: SearchForm }) {
  const [form, setForm] = useState<SearchForm>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const moduleChoices = useModuleChoices(form.module);
  const set = (key: SearchKey) => (value: string) => setForm({ ...form, [key]: value });
  const field = (key: SearchKey) => ({
    id: searchFieldId(key),
    label: SEARCH_LABELS[key],
    value: form[key],
    onChange: set(key),
    error: errors[searchFieldId(key)],
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateSearch(form);
    setErrors(found);
    if (Object.keys(found).length === 0) navigate(consoleHref('/berichten', urlFromForm(form)));
  };

  return (
    <form role="search" aria-label="Zoeken in berichten" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} labels={LABELS_BY_ID} />
      <div className="kp-form-grid">
        <TextField {...field('messageId')} />
        <TextField {...field('conversationId')} />
        <TextField {...field('inReplyTo')} />
        <TextField {...field('sender')} inputMode="numeric" />
        <TextField {...field('recipient')} inputMode="numeric" />
        <SelectField {...field('module')} choices={moduleChoices} />
        <TextField {...field('messageType')} />
        <SelectField {...field('status')} choices={STATUS_CHOICES} />
        <TextField {...field('from')} type="date" />
        <TextField {...field('to')} type="date" />
        <SelectField {...field('pickedUp')} choices={PICKED_UP_CHOICES} />
        <TextField {...field('version')} />
      </div>
      <Button type="submit" appearance="primary-action-button">
        Zoeken
      </Button>
    </form>
  );
}

export function MessagesScreen() {
  const { search } = useLocation();
  const address = search.toString();
  const messages = useQuery({
    queryKey: ['messages', address],
    queryFn: () => searchMessages(apiQueryFromUrl(search)),
  });
  const cursor = search.get('cursor');

  const nextPage = (nextCursor: string) => {
    const query = new URLSearchParams(search);
    query.set('cursor', nextCursor);
    navigate(consoleHref('/berichten', query));
  };
  const firstPage = new URLSearchParams(search);
  firstPage.delete('cursor');

  return (
    <>
      <ScreenHeading>Berichten</ScreenHeading>
      {/* A new address (back button, shared link) starts the form afresh. */}
      <SearchFormView key={address} initial={formFromUrl(search)} />
      <div aria-live="polite" role="status">
        {messages.isSuccess && (
          <Paragraph>
            {messages.data.items.length === 0
              ? 'Geen berichten gevonden.'
              : messages.data.items.length === 1
                ? '1 bericht getoond.'
                : `${formatNumber(messages.data.items.length)} berichten getoond.`}
          </Paragraph>
        )}
      </div>
      <QueryView query={messages}>
        {(page) => (
          <>
            {page.items.length > 0 && (
              <MessagesTable label="Gevonden berichten" messages={page.items} />
            )}
            <div className="kp-actions">
              {page.nextCursor !== undefined && (
                <Button
                  appearance="secondary-action-button"
                  onClick={() => page.nextCursor !== undefined && nextPage(page.nextCursor)}
                >
                  Volgende pagina
                </Button>
              )}
              {cursor !== null && (
                <AppLink href={consoleHref('/berichten', firstPage)}>Naar de eerste pagina</AppLink>
              )}
            </div>
          </>
        )}
      </QueryView>
    </>
  );
}
