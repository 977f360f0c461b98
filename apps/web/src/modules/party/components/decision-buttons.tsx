import { Button, Popconfirm, Space } from 'antd';

interface DecisionButtonsProps {
  /** What the confirmation asks before saying yes (e.g. approve this enrolment?). */
  readonly question: string;
  readonly hint?: string;
  readonly yes: string;
  readonly no: string;
  readonly busy: boolean;
  readonly onYes: () => void;
  /** Saying no asks for a reason, so it opens the caller's dialog rather than confirming here. */
  readonly onNo: () => void;
  readonly testIds: readonly [yes: string, no: string];
}

/** Approve-or-reject for a row waiting for a decision (enrolments, service hours). */
export function DecisionButtons({ question, hint, yes, no, busy, onYes, onNo, testIds }: DecisionButtonsProps) {
  return (
    <Space>
      <Popconfirm title={question} description={hint} okText={yes} onConfirm={onYes}>
        <Button type="primary" size="small" loading={busy} data-testid={testIds[0]}>
          {yes}
        </Button>
      </Popconfirm>
      <Button size="small" danger onClick={onNo} data-testid={testIds[1]}>
        {no}
      </Button>
    </Space>
  );
}
