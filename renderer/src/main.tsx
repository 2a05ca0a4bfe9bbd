import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createClient } from './connection';
import { initI18n } from './i18n';
import { KioskProvider } from './kiosk-context';
import './styles.css';

initI18n('zh-CN');
const client = createClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <KioskProvider client={client}>
      <App />
    </KioskProvider>
  </StrictMode>,
);
