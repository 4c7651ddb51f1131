/**
 * The timeline of a message or dossier: an ordered list of its ledger events, oldest first,
 * each with its time, what happened (in Dutch) and who did it.
 */
import { Code, OrderedList, OrderedListItem, Paragraph } from '@utrecht/component-library-react';
import type { EventView } from '../api_types.ts';
import { eventTypeNl, formatDateTime } from '../format.ts';

function codesOf(event: EventView): string | undefined {
  const codes = event.data['codes'];
  return Array.isArray(codes) && codes.length > 0 ? codes.join(', ') : undefined;
}

export interface EventTimelineProps {
  /** In the hub's order (by time). */
  readonly events: readonly EventView[];
  /** Name each event's subject (a dossier's timeline mixes its messages' events). */
  readonly showSubject?: boolean;
}

export function EventTimeline({ events, showSubject = false }: EventTimelineProps) {
  if (events.length === 0) return <Paragraph>Er zijn nog geen gebeurtenissen.</Paragraph>;
  return (
    <OrderedList>
      {events.map((event) => {
        const codes = codesOf(event);
        return (
          <OrderedListItem key={event.eventId}>
            <time dateTime={event.at}>{formatDateTime(event.at)}</time>: {eventTypeNl(event.type)}
            {showSubject && (
              <>
                {' '}
                van <Code>{event.subject}</Code>
              </>
            )}
            {event.actor !== undefined && <> door {event.actor}</>}
            {codes !== undefined && <> (codes: {codes})</>}
          </OrderedListItem>
        );
      })}
    </OrderedList>
  );
}
