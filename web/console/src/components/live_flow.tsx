/**
 * The live message flow: the hub's ledger events as they happen, over server-sent events
 * (`/v1/operator/flow`, event `ledger`), newest first, the latest 50. The list is a polite live
 * region, so a screen reader mentions new events without interrupting.
 */
import { Button, Code, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { FLOW_URL } from '../api.ts';
import type { FlowEvent } from '../api_types.ts';
import { eventTypeNl, formatTime } from '../format.ts';
import { Party } from './party.tsx';

/** How many events the list keeps. */
export const FLOW_LIMIT = 50;

/** The list with one more event: newest first, each event once, at most `limit`. */
export function addFlowEvent(
  list: readonly FlowEvent[],
  event: FlowEvent,
  limit = FLOW_LIMIT,
): readonly FlowEvent[] {
  if (list.some((e) => e.eventId === event.eventId)) return list;
  return [event, ...list].slice(0, limit);
}

function parseFlowEvent(data: string): FlowEvent | undefined {
  try {
    const value = JSON.parse(data) as FlowEvent;
    return typeof value.eventId === 'string' && typeof value.type === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

type Connection = 'connecting' | 'open' | 'closed';

/** Follows the flow while mounted; `attempt` changes to connect anew after the hub closed it. */
function useFlow(
  attempt: number,
  onMessage: (() => void) | undefined,
): { events: readonly FlowEvent[]; connection: Connection } {
  const [events, setEvents] = useState<readonly FlowEvent[]>([]);
  const [connection, setConnection] = useState<Connection>('connecting');
  useEffect(() => {
    const source = new EventSource(FLOW_URL);
    setConnection('connecting');
    source.addEventListener('open', () => setConnection('open'));
    source.addEventListener('ledger', (message: MessageEvent<string>) => {
      const event = parseFlowEvent(message.data);
      if (event === undefined) return;
      setEvents((list) => addFlowEvent(list, event));
      if (event.type === 'received' || event.type === 'rejected') onMessage?.();
    });
    // EventSource reconnects by itself after a dropped connection; it gives up (CLOSED) when
    // the hub answers with an error, such as 401 after the session ended.
    source.addEventListener('error', () => {
      setConnection(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    });
    return () => source.close();
  }, [attempt, onMessage]);
  return { events, connection };
}

function FlowItem({ event }: { readonly event: FlowEvent }) {
  return (
    <li className="utrecht-unordered-list__item kp-flow-item">
      <time dateTime={event.at}>{formatTime(event.at)}</time>{' '}
      <strong>{eventTypeNl(event.type)}</strong>
      {event.messageType !== undefined && <> · {event.messageType}</>}
      {event.sender !== undefined && event.recipient !== undefined && (
        <>
          {' · '}
          <Party oin={event.sender} /> → <Party oin={event.recipient} />
        </>
      )}
      {event.sender !== undefined && event.recipient === undefined && (
        <>
          {' · van '}
          <Party oin={event.sender} />
        </>
      )}
      {event.messageId !== undefined && (
        <>
          {' · '}
          <Code>{event.messageId}</Code>
        </>
      )}
      {event.codes !== undefined && event.codes.length > 0 && (
        <> · codes: {event.codes.join(', ')}</>
      )}
    </li>
  );
}

const CONNECTION_NL: Readonly<Record<Connection, string>> = {
  connecting: 'Verbinding maken…',
  open: 'Verbonden; nieuwe gebeurtenissen verschijnen bovenaan.',
  closed: 'De verbinding is verbroken.',
};

/** `labelledBy`: the id of the section heading that names the list. */
export function LiveFlow({
  labelledBy,
  onMessage,
}: {
  readonly labelledBy: string;
  /** Called when a message was received or rejected (the counts changed). */
  readonly onMessage?: () => void;
}) {
  const [attempt, setAttempt] = useState(0);
  const { events, connection } = useFlow(attempt, onMessage);
  return (
    <>
      <Paragraph appearance="small">
        {CONNECTION_NL[connection]}{' '}
        {connection === 'closed' && (
          <Button appearance="secondary-action-button" onClick={() => setAttempt((n) => n + 1)}>
            Opnieuw verbinden
          </Button>
        )}
      </Paragraph>
      <ul
        role="list"
        aria-live="polite"
        aria-labelledby={labelledBy}
        className="utrecht-unordered-list kp-flow"
      >
        {events.map((event) => (
          <FlowItem key={event.eventId} event={event} />
        ))}
      </ul>
      {events.length === 0 && <Paragraph>Nog geen gebeurtenissen in de laatste minuut.</Paragraph>}
    </>
  );
}
