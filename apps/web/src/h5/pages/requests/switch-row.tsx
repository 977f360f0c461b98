import { Form, Switch } from 'antd-mobile';

interface Props {
  name: string;
  title: string;
  hint: string;
  testId: string;
}

/** A yes/no field with a line of explanation under its title (the form's own horizontal item wraps both). */
export function SwitchRow({ name, title, hint, testId }: Props) {
  return (
    <div className="h5r-switch-row">
      <div>
        <div className="h5r-switch-title">{title}</div>
        <div className="h5r-switch-hint">{hint}</div>
      </div>
      <Form.Item name={name} valuePropName="checked" noStyle>
        <Switch data-testid={testId} />
      </Form.Item>
    </div>
  );
}
