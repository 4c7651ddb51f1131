/**
 * The console's entry: the shared start (`web/shared/mount.tsx`: NL Design System styles, the
 * query client, the app's name) with the console's own styles.
 */
import { mountApp } from '../../shared/mount.tsx';
import './console.css';
import { App } from './app.tsx';

mountApp('Knooppunt beheer', <App />);
