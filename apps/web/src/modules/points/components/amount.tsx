/** A signed amount of points: green with + for points in, red with − for points out. */
export function Amount({ value }: { value: number }) {
  return <span className={value >= 0 ? 'gw-svc-plus' : 'gw-svc-minus'}>{value > 0 ? `+${value}` : value < 0 ? `−${Math.abs(value)}` : '0'}</span>;
}
