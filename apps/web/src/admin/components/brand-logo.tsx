/** The Gridwork mark: a red tile with a grid and a golden centre. */
export function BrandLogo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#c8102e" />
      <g fill="none" stroke="#fff" strokeWidth="4" strokeLinecap="round">
        <path d="M14 24h36M14 40h36M24 14v36M40 14v36" />
      </g>
      <circle cx="32" cy="32" r="6" fill="#ffd666" />
    </svg>
  );
}
