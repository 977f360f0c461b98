import { describe, expect, it } from 'vitest';
import { ageOn, checkDigitOf, checkIdNumber, maskIdNumber, maskPhone } from '@gridwork/contracts';
import { createDataCipher } from '../../platform/crypto';
import { birthDateRange, isRuleProblem, resolveIdentity, seal } from './residents.rules';
import { nameTokens, queryTokens } from './residents.search';

const today = new Date('2026-11-22T08:00:00Z');
const id = (first17: string) => `${first17}${checkDigitOf(first17)}`;

describe('GB 11643 resident ID numbers', () => {
  it('accepts a valid number and derives birth date and gender', () => {
    const number = id('34040619850312001');
    expect(checkIdNumber(number, today)).toEqual({ ok: true, normalized: number, birthDate: '1985-03-12', gender: 'male' });
    expect(checkIdNumber(id('34040620100101002'), today)).toMatchObject({ ok: true, gender: 'female' });
  });

  it('knows the published example with an X check digit', () => {
    // ISO 7064 MOD 11-2 gives 10 → X for this sequence.
    const first17 = '11010519491231002';
    expect(checkDigitOf(first17)).toBe('X');
    expect(checkIdNumber(`${first17}x`, today)).toMatchObject({ ok: true, normalized: `${first17}X` });
  });

  it('refuses wrong check digits, impossible dates, future births and unknown provinces', () => {
    const good = id('34040619850312001');
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(checkIdNumber(wrongCheck, today)).toEqual({ ok: false, problem: 'check_digit' });
    expect(checkIdNumber(id('34040619850230001'), today)).toEqual({ ok: false, problem: 'birth_date' });
    expect(checkIdNumber(id('34040620300101001'), today)).toEqual({ ok: false, problem: 'birth_date' });
    expect(checkIdNumber(id('99040619850312001'), today)).toEqual({ ok: false, problem: 'region' });
    expect(checkIdNumber('3404061985031200', today)).toEqual({ ok: false, problem: 'format' });
  });

  it('masks ID numbers and phones', () => {
    expect(maskIdNumber('340406198503120011')).toBe('3404**********0011');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('computes ages from the birth date', () => {
    expect(ageOn('2012-11-23', today)).toBe(13);
    expect(ageOn('2012-11-22', today)).toBe(14);
  });
});

describe('identity rules', () => {
  it('takes gender and birth date from the ID card, and refuses contradicting values', () => {
    const number = id('34040619850312001');
    expect(resolveIdentity({ idType: 'resident_id', idNumber: number }, 'zh-CN', today)).toMatchObject({ gender: 'male', birthDate: '1985-03-12' });
    const mismatch = resolveIdentity({ idType: 'resident_id', idNumber: number, gender: 'female' }, 'zh-CN', today);
    expect(isRuleProblem(mismatch) && mismatch.code).toBe('id_number_mismatch');
    const wrongCheck = number.slice(0, 17) + (number[17] === '0' ? '1' : '0');
    const bad = resolveIdentity({ idType: 'resident_id', idNumber: wrongCheck }, 'zh-CN', today);
    expect(isRuleProblem(bad) && bad.params?.reason).toBe('校验码错误');
  });

  it('needs birth date and gender for other documents, and a plausible date', () => {
    const missing = resolveIdentity({ idType: 'passport', idNumber: 'E12345678' }, 'zh-CN', today);
    expect(isRuleProblem(missing) && missing.code).toBe('birth_date_required');
    const future = resolveIdentity({ idType: 'passport', idNumber: 'E12345678', gender: 'male', birthDate: '2027-01-01' }, 'zh-CN', today);
    expect(isRuleProblem(future) && future.code).toBe('birth_date_invalid');
  });

  it('turns an age range into birth-date bounds', () => {
    expect(birthDateRange(60, undefined, today)).toEqual({ onOrBefore: '1966-11-22' });
    expect(birthDateRange(undefined, 13, today)).toEqual({ after: '2012-11-22' });
  });
});

describe('sealing sensitive fields', () => {
  for (const suite of ['aes', 'sm'] as const) {
    it(`encrypts with ${suite}, indexes deterministically and masks`, () => {
      const cipher = createDataCipher(Buffer.alloc(32, 3), suite);
      const a = seal(cipher, { idType: 'resident_id', idNumber: '340406198503120011', phone: '138-1234-5678', healthNotes: '高血压' });
      const b = seal(cipher, { idType: 'resident_id', idNumber: '340406198503120011', phone: '13812345678', healthNotes: null });
      expect(a.idNumberEnc.startsWith(suite === 'sm' ? 'v1.sm4.' : 'v1.gcm.')).toBe(true);
      expect(a.idNumberEnc).not.toContain('340406198503120011');
      expect(a.idNumberEnc).not.toBe(b.idNumberEnc);
      expect(a.idNumberIndex).toBe(b.idNumberIndex);
      expect(a.phoneIndex).toBe(b.phoneIndex);
      expect(a.phoneMasked).toBe('138****5678');
      expect(cipher.decrypt(a.healthNotesEnc!)).toBe('高血压');
      expect(createDataCipher(Buffer.alloc(32, 3), suite === 'sm' ? 'aes' : 'sm').decrypt(a.idNumberEnc)).toBe('340406198503120011');
    });

    it(`never reuses an IV with ${suite} (across refills of the IV pool) and refuses a tampered ciphertext`, () => {
      const cipher = createDataCipher(Buffer.alloc(32, 4), suite);
      const ivLength = suite === 'sm' ? 16 : 12;
      const ivs = new Set<string>();
      for (let i = 0; i < 1500; i++) ivs.add(Buffer.from(cipher.encrypt('13812345678').split('.')[2]!, 'base64url').subarray(0, ivLength).toString('hex'));
      expect(ivs.size).toBe(1500);
      const sealed = cipher.encrypt('340406198503120011');
      const raw = Buffer.from(sealed.split('.')[2]!, 'base64url');
      raw[raw.length - 1]! ^= 1;
      expect(() => cipher.decrypt(`v1.${suite === 'sm' ? 'sm4' : 'gcm'}.${raw.toString('base64url')}`)).toThrow();
    });
  }
});

describe('name search keys', () => {
  it('serve two-character names, substrings and pinyin initials', () => {
    const tokens = nameTokens('王芳');
    expect(tokens).toEqual(expect.arrayContaining(['王芳', '王', '芳', 'py:wf', 'py:wang']));
    expect(queryTokens('王芳')).toEqual({ tokens: ['王芳'], needsLike: false });
    expect(queryTokens('ZXM')).toEqual({ tokens: ['py:zxm'], needsLike: false });
    const three = queryTokens('欧阳明');
    expect(three.needsLike).toBe(true);
    expect(three.tokens.every((t) => nameTokens('欧阳明月').includes(t))).toBe(true);
  });
});
