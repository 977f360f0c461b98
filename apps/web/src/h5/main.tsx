import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { H5App } from './h5-app';
import './h5.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from h5/index.html');
createRoot(container).render(
  <StrictMode>
    <H5App />
  </StrictMode>,
);
