/**
 * Niet gevonden: a console address that matches no screen.
 */
import { Paragraph } from '@utrecht/component-library-react';
import { AppLink } from '../../../shared/components/app_link.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { consoleHref } from '../router.ts';

export function NotFoundScreen() {
  return (
    <>
      <ScreenHeading>Pagina niet gevonden</ScreenHeading>
      <Paragraph>Deze pagina bestaat niet in de beheeromgeving.</Paragraph>
      <Paragraph>
        <AppLink href={consoleHref('/')}>Naar het overzicht</AppLink>
      </Paragraph>
    </>
  );
}
