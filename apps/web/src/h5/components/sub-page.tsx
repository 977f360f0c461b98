import type { ReactNode } from 'react';
import { NavBar } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';

interface Props {
  title: ReactNode;
  /** Where "back" goes when the page was opened directly (no history to go back to). */
  fallback: string;
  right?: ReactNode;
  testId: string;
  children: ReactNode;
}

/** A page without the tab bar: a sticky nav bar with "back", then the content. */
export function SubPage({ title, fallback, right, testId, children }: Props) {
  const navigate = useNavigate();
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate(fallback, { replace: true }));
  return (
    <div className="h5-app" data-testid={testId}>
      <NavBar onBack={back} className="h5-navbar" backIcon right={right}>
        {title}
      </NavBar>
      <main className="h5-main">{children}</main>
    </div>
  );
}
