/**
 * Postvak IN: the messages addressed to the participant, newest first, with filters on module,
 * message type, status (unread, read, expired) and answer (owed, on time, late). Each choice
 * shows how many unread messages or owed answers it holds (`GET /v1/portal/overview`). The
 * filters live in the address, so a filtered inbox can be bookmarked and reloaded.
 */
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { SelectField, type Choice } from '../../../shared/components/fields.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { formatNumber } from '../../../shared/format.ts';
import { getMessages, getSchemas, type InboxQuery } from '../api.ts';
import type { AnswerFilter, PortalOverview, SchemaInfo } from '../api_types.ts';
import { MessageList } from '../components/message_list.tsx';
import { useOverview } from '../components/layout.tsx';
import { messageTypeName, moduleName, unreadText } from '../names.tsx';
import { navigate, portalHref, useLocation } from '../router.ts';
import { INBOX_KEY, SCHEMAS_KEY, useSession } from '../session.ts';

/** The status filter's choices and the query each stands for. */
const STATUS: Readonly<Record<string, Pick<InboxQuery, 'unread' | 'status'>>> = {
  ongelezen: { unread: 'true' },
  gelezen: { status: 'picked-up' },
  verlopen: { status: 'expired' },
};

const ANSWERS: readonly AnswerFilter[] = ['owed', 'open', 'overdue'];
const ANSWER_LABEL: Readonly<Record<AnswerFilter, string>> = {
  owed: 'Antwoord nodig',
  open: 'Antwoord nodig, op tijd',
  overdue: 'Antwoord te laat',
};

/** ` (3 ongelezen)`, or nothing when there are none. */
const withCount = (label: string, count: number | undefined, word = 'ongelezen') =>
  count !== undefined && count > 0
    ? `${label} (${formatNumber(count)}${word === '' ? '' : ` ${word}`})`
    : label;

/** The filters as they stand in the address. */
interface Filters {
  readonly module: string;
  readonly type: string;
  readonly status: string;
  readonly answer: string;
}

function filtersOf(search: URLSearchParams): Filters {
  return {
    module: search.get('module') ?? '',
    type: search.get('type') ?? '',
    status: search.get('status') ?? '',
    answer: search.get('answer') ?? '',
  };
}

function queryOf(filters: Filters): InboxQuery {
  return {
    ...(filters.module === '' ? {} : { module: filters.module }),
    ...(filters.type === '' ? {} : { messageType: filters.type }),
    ...(STATUS[filters.status] ?? {}),
    ...((ANSWERS as readonly string[]).includes(filters.answer)
      ? { answer: filters.answer as AnswerFilter }
      : {}),
  };
}

function choices(overview: PortalOverview | undefined, schemas: readonly SchemaInfo[]) {
  const byModule = new Map(overview?.unread.byModule.map((m) => [m.module, m.count]));
  const byType = new Map(overview?.unread.byMessageType.map((m) => [m.messageType, m.count]));
  const modules = [...new Set([...byModule.keys(), ...schemas.flatMap((s) => s.modules)])].sort();
  const types = schemas.map((s) => s.messageType);
  const answers = overview?.answers;
  return {
    module: [
      { value: '', label: 'Alle modules' },
      ...modules.map((m) => ({ value: m, label: withCount(moduleName(m), byModule.get(m)) })),
    ] satisfies Choice[],
    type: [
      { value: '', label: 'Alle berichttypen' },
      ...[...new Set([...types, ...byType.keys()])]
        .sort()
        .map((t) => ({ value: t, label: withCount(messageTypeName(t), byType.get(t)) })),
    ] satisfies Choice[],
    status: [
      { value: '', label: 'Alle berichten' },
      { value: 'ongelezen', label: withCount('Ongelezen', overview?.unread.total, 'berichten') },
      { value: 'gelezen', label: 'Gelezen' },
      { value: 'verlopen', label: 'Verlopen' },
    ] satisfies Choice[],
    answer: [
      { value: '', label: 'Alle berichten' },
      ...ANSWERS.map((a) => ({ value: a, label: withCount(ANSWER_LABEL[a], answers?.[a], '') })),
    ] satisfies Choice[],
  };
}

export function InboxScreen() {
  const { participant } = useSession();
  const { search } = useLocation();
  const applied = filtersOf(search);
  const [draft, setDraft] = useState<Filters>(applied);
  const overview = useOverview();
  const schemas = useQuery({ queryKey: SCHEMAS_KEY, queryFn: getSchemas, staleTime: Infinity });
  const query = queryOf(applied);
  const inbox = useInfiniteQuery({
    queryKey: [...INBOX_KEY, query],
    queryFn: ({ pageParam }) =>
      getMessages({ ...query, ...(pageParam === '' ? {} : { cursor: pageParam }) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor,
  });
  const options = choices(overview.data, schemas.data?.items ?? []);
  const set = (key: keyof Filters) => (value: string) => setDraft({ ...draft, [key]: value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(draft)) if (value !== '') params.set(key, value);
    navigate(portalHref('/', params));
  };

  const unread = overview.data?.unread.total ?? 0;
  return (
    <>
      <ScreenHeading>Postvak IN</ScreenHeading>
      <Paragraph>
        {overview.data === undefined
          ? 'De berichten voor uw organisatie.'
          : unread === 0
            ? 'U heeft geen ongelezen berichten.'
            : `U heeft ${unreadText(unread)}.`}
      </Paragraph>
      <section aria-labelledby="kp-filters">
        <Heading level={2} id="kp-filters" className="kp-visually-hidden">
          Filteren
        </Heading>
        <form onSubmit={submit} className="kp-filters">
          <div className="kp-form-grid">
            <SelectField
              id="filter-module"
              label="Module"
              value={draft.module}
              onChange={set('module')}
              choices={options.module}
            />
            <SelectField
              id="filter-type"
              label="Berichttype"
              value={draft.type}
              onChange={set('type')}
              choices={options.type}
            />
            <SelectField
              id="filter-status"
              label="Status"
              value={draft.status}
              onChange={set('status')}
              choices={options.status}
            />
            <SelectField
              id="filter-answer"
              label="Antwoord"
              value={draft.answer}
              onChange={set('answer')}
              choices={options.answer}
            />
          </div>
          <Button type="submit" appearance="primary-action-button">
            Filteren
          </Button>
        </form>
      </section>
      <section aria-labelledby="kp-inbox-list">
        <Heading level={2} id="kp-inbox-list">
          Berichten
        </Heading>
        <QueryView query={inbox}>
          {(data) => {
            const messages = data.pages.flatMap((page) => page.items);
            if (messages.length === 0 && !inbox.hasNextPage) {
              return <Paragraph>Er zijn geen berichten die bij deze filters passen.</Paragraph>;
            }
            return (
              <>
                <MessageList label="Berichten" messages={messages} participant={participant} />
                {inbox.hasNextPage && (
                  <Button
                    appearance="secondary-action-button"
                    busy={inbox.isFetchingNextPage}
                    onClick={() => void inbox.fetchNextPage()}
                  >
                    Meer berichten tonen
                  </Button>
                )}
              </>
            );
          }}
        </QueryView>
      </section>
    </>
  );
}
