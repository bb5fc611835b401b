import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n/i18n';
import { initialLanguage } from './session/profile';
import { App } from './routes/App';
import './styles/base.css';
import './styles/board.css';
import './styles/outline.css';
import './styles/proposals.css';
import './styles/facilitation.css';
import './styles/outcomes.css';
import './styles/console.css';
import './styles/console-tables.css';
import './styles/sheet.css';

initI18n(initialLanguage());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
