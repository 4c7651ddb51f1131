/**
 * The heading of a screen: the page's only `<h1>`, which also sets the document title
 * (`<heading> — <app name>`) and takes focus after a client-side navigation (see PageFrame) so
 * a screen reader announces the new page. Each app provides its name with `AppNameContext`.
 */
import { Heading } from '@utrecht/component-library-react';
import { createContext, useContext, useEffect } from 'react';

/** The app's name in the document title: `Knooppunt beheer`, `Knooppunt portaal`. */
export const AppNameContext = createContext('Knooppunt');

export function ScreenHeading({ children }: { readonly children: string }) {
  const appName = useContext(AppNameContext);
  useEffect(() => {
    document.title = `${children} — ${appName}`;
  }, [children, appName]);
  return (
    <Heading level={1} tabIndex={-1} className="kp-screen-heading">
      {children}
    </Heading>
  );
}
