/**
 * The portal's entry: the shared start (`web/shared/mount.tsx`: NL Design System styles, the
 * query client, the app's name) with the portal's own styles.
 */
import { mountApp } from '../../shared/mount.tsx';
import './portal.css';
import { App } from './app.tsx';

mountApp('Knooppunt portaal', <App />);
