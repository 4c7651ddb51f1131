/**
 * Niet gevonden: a portal address that matches no screen.
 */
import { Paragraph } from '@utrecht/component-library-react';
import { AppLink } from '../../../shared/components/app_link.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { portalHref } from '../router.ts';

export function NotFoundScreen() {
  return (
    <>
      <ScreenHeading>Pagina niet gevonden</ScreenHeading>
      <Paragraph>Deze pagina bestaat niet in het portaal.</Paragraph>
      <Paragraph>
        <AppLink href={portalHref('/')}>Naar het Postvak IN</AppLink>
      </Paragraph>
    </>
  );
}
