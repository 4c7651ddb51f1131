/**
 * The heading of a screen: the page's only `<h1>`, which also sets the document title and takes
 * focus after a client-side navigation (see Layout) so a screen reader announces the new page.
 */
import { Heading } from '@utrecht/component-library-react';
import { useEffect } from 'react';

export function ScreenHeading({ children }: { readonly children: string }) {
  useEffect(() => {
    document.title = `${children} — Knooppunt beheer`;
  }, [children]);
  return (
    <Heading level={1} tabIndex={-1} className="kp-screen-heading">
      {children}
    </Heading>
  );
}
