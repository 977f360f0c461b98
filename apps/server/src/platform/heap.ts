import v8 from 'node:v8';

/**
 * V8 lets the old generation grow to up to four times what was live after the last full
 * collection before it collects again. The server's live heap is small (~35 MB) but a bulk import
 * promotes short-lived rows at a high rate, so that slack became ~250 MB of garbage at the peak.
 * A growing factor of 1.5 keeps the peak near the live size; a full collection of a heap this
 * small costs a few milliseconds, and the import measured no slower (bench/residents-import-export.ts).
 */
export const DEFAULT_HEAP_GROWING_PERCENT = 50;

/** Applies the server's heap growth setting (GRIDWORK_HEAP_GROWING_PERCENT; 0 leaves V8's own). */
export function tuneHeapGrowth(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GRIDWORK_HEAP_GROWING_PERCENT;
  const percent = raw === undefined || raw === '' ? DEFAULT_HEAP_GROWING_PERCENT : Number(raw);
  if (!Number.isInteger(percent) || percent < 0 || percent > 300) throw new Error('GRIDWORK_HEAP_GROWING_PERCENT must be an integer from 0 to 300');
  // Read by V8 at every full collection, so it takes effect when set at run time.
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
