import { useState } from 'react';
import { Button, Dialog, Input } from 'antd-mobile';
import { useI18n } from '../../../i18n';

/** The 6 digits, whether typed or pasted from a scanned `gridwork://event-check-in?…&code=123456`. */
export function codeFrom(text: string): string | null {
  const scanned = /[?&]code=(\d{6})\b/.exec(text);
  if (scanned) return scanned[1]!;
  const digits = text.replace(/\s+/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

interface Props {
  visible: boolean;
  mode: 'in' | 'out';
  busy: boolean;
  initialCode?: string;
  onClose: () => void;
  onSubmit: (code: string) => void;
}

/** 签到 / 签退: the resident types (or pastes) the code on the organiser's screen. */
export function CodeDialog({ visible, mode, busy, initialCode = '', onClose, onSubmit }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState(initialCode);
  const [touched, setTouched] = useState(false);
  const code = codeFrom(text);
  const submit = () => {
    setTouched(true);
    if (code && !busy) onSubmit(code);
  };
  return (
    <Dialog
      visible={visible}
      title={t(mode === 'in' ? 'h5s.checkInTitle' : 'h5s.checkOutTitle')}
      onClose={onClose}
      closeOnMaskClick={!busy}
      afterClose={() => {
        setText('');
        setTouched(false);
      }}
      content={
        <div data-testid="h5-event-code-dialog" data-mode={mode}>
          <Input
            value={text}
            onChange={setText}
            onEnterPress={submit}
            placeholder={t('h5s.codePlaceholder')}
            inputMode="numeric"
            autoComplete="one-time-code"
            clearable
            autoFocus
            className="h5s-code-input"
            data-testid="h5-event-code-input"
          />
          <div className="h5s-dialog-hint">{touched && !code ? <span className="h5s-error">{t('h5s.codeInvalid')}</span> : t('h5s.codeHint')}</div>
          <div className="h5s-action-buttons" style={{ marginTop: 16 }}>
            <Button onClick={onClose} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button color="primary" loading={busy} disabled={busy} onClick={submit} data-testid="h5-event-code-submit">
              {t(mode === 'in' ? 'h5s.checkIn' : 'h5s.checkOut')}
            </Button>
          </div>
        </div>
      }
    />
  );
}
