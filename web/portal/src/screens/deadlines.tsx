/**
 * Termijnen: everything the participant still has to answer, earliest deadline first, those
 * past their deadline marked with how many working days late (the hub's count).
 */
import { Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { formatNumber } from '../../../shared/format.ts';
import { getDeadlines } from '../api.ts';
import { OpenAnswersList } from '../components/open_answers_list.tsx';

export function DeadlinesScreen() {
  const deadlines = useQuery({ queryKey: ['deadlines'], queryFn: getDeadlines });
  return (
    <>
      <ScreenHeading>Termijnen</ScreenHeading>
      <QueryView query={deadlines}>
        {({ items }) => {
          const late = items.filter((a) => a.overdue).length;
          return (
            <>
              <Paragraph>
                {items.length === 0
                  ? 'U hoeft op dit moment niets te beantwoorden.'
                  : `U moet nog ${formatNumber(items.length)} ${items.length === 1 ? 'bericht' : 'berichten'} beantwoorden` +
                    (late > 0 ? `, waarvan ${formatNumber(late)} te laat.` : '.') +
                    ' Het eerste staat bovenaan.'}
              </Paragraph>
              {items.length > 0 && <OpenAnswersList label="Te beantwoorden" answers={items} />}
            </>
          );
        }}
      </QueryView>
    </>
  );
}
