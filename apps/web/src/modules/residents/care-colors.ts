/** Colours of care groups (重点人群), shared by the admin (antd presets) and mobile (hex) pages. */

/** Colours of the usual care groups; other codes get a stable colour from their code. */
const KNOWN: Record<string, string> = {
  elderly_60: 'orange',
  living_alone: 'gold',
  disabled: 'purple',
  low_income: 'magenta',
  left_behind_child: 'cyan',
  veteran: 'geekblue',
  serious_illness: 'red',
};
const PALETTE = ['blue', 'green', 'cyan', 'purple', 'geekblue', 'lime', 'magenta', 'orange', 'volcano', 'gold'];

/** Hex values of antd's preset tag colours, so that charts and mobile tags match the admin tags. */
export const PRESET_HEX: Record<string, string> = {
  orange: '#fa8c16',
  volcano: '#fa541c',
  gold: '#d48806',
  purple: '#722ed1',
  magenta: '#eb2f96',
  cyan: '#13a8a8',
  geekblue: '#2f54eb',
  red: '#f5222d',
  blue: '#1677ff',
  green: '#52c41a',
  lime: '#7cb305',
};

/** An antd preset colour name for a care-group code. */
export function careGroupColor(code: string): string {
  const known = KNOWN[code];
  if (known) return known;
  let h = 0;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length] ?? 'blue';
}

export function careGroupHex(code: string): string {
  return PRESET_HEX[careGroupColor(code)] ?? '#1677ff';
}
