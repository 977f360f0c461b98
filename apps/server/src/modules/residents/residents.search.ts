import { pinyin } from 'pinyin-pro';

const HAN = /^[\u3400-\u9fff]+$/;

function syllablesOf(name: string): string[] {
  return pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true }).map((s) => s.toLowerCase().replace(/[^a-z]/g, ''));
}

/**
 * Search keys for a name. Chinese names are two or three characters, too short for trigram
 * indexes, so a GIN index over unigrams and bigrams serves any substring; `py:` keys serve pinyin
 * initials (`zxm`, `zx`) and spelled syllables (`zhang`, `zhangxiao`).
 */
export function nameTokens(name: string): string[] {
  const clean = name.replace(/\s+/g, '');
  const tokens = new Set<string>([clean]);
  for (let i = 0; i < clean.length; i++) {
    tokens.add(clean[i]!);
    if (i + 1 < clean.length) tokens.add(clean.slice(i, i + 2));
  }
  const syllables = syllablesOf(clean).filter(Boolean);
  if (syllables.length > 0) {
    const initials = syllables.map((s) => s[0]).join('');
    for (let i = 1; i <= initials.length; i++) tokens.add(`py:${initials.slice(0, i)}`);
    for (let i = 1; i <= syllables.length; i++) tokens.add(`py:${syllables.slice(0, i).join('')}`);
  }
  return [...tokens];
}

/**
 * The tokens a query must all contain (`name_tokens @> …`), and whether the name must still be
 * checked with LIKE (for Chinese queries longer than two characters, bigrams can over-match).
 */
export function queryTokens(q: string): { tokens: string[]; needsLike: boolean } {
  const clean = q.replace(/\s+/g, '');
  if (/^[A-Za-z]+$/.test(clean)) return { tokens: [`py:${clean.toLowerCase()}`], needsLike: false };
  if (clean.length <= 2) return { tokens: [clean], needsLike: false };
  if (!HAN.test(clean)) return { tokens: [clean], needsLike: false };
  const bigrams = new Set<string>();
  for (let i = 0; i + 1 < clean.length; i++) bigrams.add(clean.slice(i, i + 2));
  return { tokens: [...bigrams], needsLike: true };
}
