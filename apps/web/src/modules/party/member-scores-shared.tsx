import { Select, Tag } from 'antd';
import { type ScoreDimension, type ScoreEntryStatus, type ScoreSource } from '@gridwork/contracts';
import { useI18n } from '../../i18n';
import { chinaDay } from '../../shared/china-day';

export const dimensionKey = (d: ScoreDimension) => `ms.dim.${d}` as const;
export const statusKey = (s: ScoreEntryStatus) => `ms.status.${s}` as const;
export const sourceKey = (s: ScoreSource) => `ms.source.${s}` as const;

/** Signed points as people write them: +3, −2, +1.5. */
export const signedPoints = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n)}`;

/** The day of an entry in China time, `YYYY-MM-DD`. */
export const formatScoreDate = (iso: string) => chinaDay(new Date(iso));

/** Scores count by calendar year in China time, like the server. */
export const currentScoreYear = () => Number(chinaDay().slice(0, 4));

const STATUS_COLOURS: Readonly<Record<ScoreEntryStatus, string>> = { pending: 'gold', approved: 'green', rejected: 'default' };

export function ScoreStatusTag({ status }: { status: ScoreEntryStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOURS[status]}>{t(statusKey(status))}</Tag>;
}

/** This year and the four before it. */
export function ScoreYearSelect({ value, onChange, testId }: { value: number; onChange: (year: number) => void; testId?: string }) {
  const { t } = useI18n();
  const now = currentScoreYear();
  return (
    <Select<number>
      value={value}
      onChange={onChange}
      style={{ width: 110 }}
      options={[0, 1, 2, 3, 4].map((back) => ({ value: now - back, label: t('ms.yearValue', { year: now - back }) }))}
      data-testid={testId}
    />
  );
}
