import './service-h5.css';
import { Tabs } from 'antd-mobile';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { SubPage } from '../../components/sub-page';
import { EventList, type EventTab } from './event-list';
import { VolunteerBanner } from './volunteer-banner';

const TABS: readonly EventTab[] = ['upcoming', 'mine'];

function isTab(value: string | null): value is EventTab {
  return (TABS as readonly (string | null)[]).includes(value);
}

/** 活动报名: the published events of my community, and the ones I signed up for with my hours. */
export function EventsPage() {
  const { t } = useI18n();
  // The tab lives in the URL so that "back" from an event returns to the same tab.
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: EventTab = isTab(raw) ? raw : 'upcoming';
  return (
    <SubPage title={t('h5s.eventsTitle')} fallback="/" testId="h5-events">
      <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key }, { replace: true })} className="h5s-tabs" data-testid="h5-event-tabs">
        <Tabs.Tab key="upcoming" title={t('h5s.tabUpcoming')} />
        <Tabs.Tab key="mine" title={t('h5s.tabMine')} />
      </Tabs>
      {tab === 'mine' ? <VolunteerBanner /> : null}
      <EventList key={tab} tab={tab} />
    </SubPage>
  );
}
