import { useState } from 'react';
import { Button, Space } from 'antd';
import type { ServiceRequest, RequestAction } from '../../../api/requests-types';
import { useRequestLabels } from '../labels';
import { AcceptDialog } from './dialogs/accept-dialog';
import { AssignDialog } from './dialogs/assign-dialog';
import { FollowUpDialog } from './dialogs/follow-up-dialog';
import { NoteDialog } from './dialogs/note-dialog';
import { ReasonDialog } from './dialogs/reason-dialog';
import { ResolveDialog } from './dialogs/resolve-dialog';

/** Display order: the step forward first, then sideways moves, the ones that end it last. */
const ORDER: readonly RequestAction[] = ['accept', 'assign', 'start', 'resolve', 'follow-up', 'transfer', 'escalate', 'reopen', 'close', 'reject'];
const FORWARD: ReadonlySet<RequestAction> = new Set(['accept', 'assign', 'start', 'resolve', 'follow-up']);
const DANGER: ReadonlySet<RequestAction> = new Set(['reject', 'close']);

/** Exactly the actions the server allows this viewer now, each opening its dialog. */
export function RequestActions({ request }: { request: ServiceRequest }) {
  const labels = useRequestLabels();
  const [open, setOpen] = useState<RequestAction | null>(null);
  const actions = ORDER.filter((a) => request.allowedActions.includes(a));
  const primary = actions.find((a) => FORWARD.has(a));
  const close = () => setOpen(null);

  return (
    <>
      <Space wrap size={8} data-testid="request-actions">
        {actions.map((a) => (
          <Button key={a} type={a === primary ? 'primary' : 'default'} danger={DANGER.has(a)} onClick={() => setOpen(a)} data-testid={`request-action-${a}`}>
            {labels.action(a)}
          </Button>
        ))}
      </Space>
      {open === 'accept' ? <AcceptDialog request={request} onClose={close} /> : null}
      {open === 'assign' || open === 'transfer' ? <AssignDialog request={request} action={open} onClose={close} /> : null}
      {open === 'start' || open === 'close' ? <NoteDialog request={request} action={open} onClose={close} /> : null}
      {open === 'resolve' ? <ResolveDialog request={request} onClose={close} /> : null}
      {open === 'follow-up' ? <FollowUpDialog request={request} onClose={close} /> : null}
      {open === 'reject' || open === 'reopen' || open === 'escalate' ? <ReasonDialog request={request} action={open} onClose={close} /> : null}
    </>
  );
}
