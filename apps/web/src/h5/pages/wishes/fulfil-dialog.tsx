import { useState } from 'react';
import { Dialog, TextArea } from 'antd-mobile';
import { useI18n } from '../../../i18n';

interface Props {
  visible: boolean;
  busy: boolean;
  onClose: () => void;
  onSubmit: (note: string) => void;
}

/** The claimant says what was done; the poster then confirms. */
export function FulfilDialog({ visible, busy, onClose, onSubmit }: Props) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const ready = note.trim().length >= 2;
  return (
    <Dialog
      visible={visible}
      title={t('h5w.fulfilTitle')}
      onClose={onClose}
      afterClose={() => setNote('')}
      content={
        <TextArea
          value={note}
          onChange={setNote}
          rows={3}
          maxLength={500}
          showCount
          className="h5w-note-input"
          placeholder={t('h5w.fulfilPlaceholder')}
          data-testid="h5-wish-fulfil-note"
        />
      }
      actions={[
        [
          { key: 'cancel', text: t('common.cancel'), onClick: onClose },
          { key: 'ok', text: t('common.ok'), bold: true, disabled: !ready || busy, onClick: () => onSubmit(note.trim()) },
        ],
      ]}
      data-testid="h5-wish-fulfil-dialog"
    />
  );
}
