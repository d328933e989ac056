import { accidentGrade } from '../../model/records/safety/safety-accident';

/** Amounts in the decree are in 万元 (ten thousand yuan); the function takes fen. */
const wanYuan = (amount: number) => amount * 10_000 * 100;

describe('accidentGrade (Decree 493, article 3)', () => {
  it('grades an accident below every threshold as ordinary 一般', () => {
    expect(accidentGrade(0, 0, 0)).toBe('ORDINARY');
    expect(accidentGrade(2, 9, wanYuan(1_000) - 1)).toBe('ORDINARY');
  });

  it.each([
    [2, 'ORDINARY'],
    [3, 'LARGER'],
    [9, 'LARGER'],
    [10, 'MAJOR'],
    [29, 'MAJOR'],
    [30, 'ESPECIALLY_MAJOR'],
    [45, 'ESPECIALLY_MAJOR'],
  ])('grades %i deaths as %s', (deaths, grade) => {
    expect(accidentGrade(deaths, 0, 0)).toBe(grade);
  });

  it.each([
    [9, 'ORDINARY'],
    [10, 'LARGER'],
    [49, 'LARGER'],
    [50, 'MAJOR'],
    [99, 'MAJOR'],
    [100, 'ESPECIALLY_MAJOR'],
  ])('grades %i serious injuries as %s', (seriousInjuries, grade) => {
    expect(accidentGrade(0, seriousInjuries, 0)).toBe(grade);
  });

  it.each([
    [wanYuan(1_000) - 1, 'ORDINARY'],
    [wanYuan(1_000), 'LARGER'],
    [wanYuan(5_000) - 1, 'LARGER'],
    [wanYuan(5_000), 'MAJOR'],
    [wanYuan(10_000) - 1, 'MAJOR'],
    [wanYuan(10_000), 'ESPECIALLY_MAJOR'],
  ])('grades a direct economic loss of %i fen as %s', (lossFen, grade) => {
    expect(accidentGrade(0, 0, lossFen)).toBe(grade);
  });

  it('takes the highest grade any one figure reaches', () => {
    expect(accidentGrade(3, 0, wanYuan(5_000))).toBe('MAJOR');
    expect(accidentGrade(1, 100, wanYuan(20))).toBe('ESPECIALLY_MAJOR');
    expect(accidentGrade(29, 49, wanYuan(10_000) - 1)).toBe('MAJOR');
    expect(accidentGrade(0, 10, wanYuan(300))).toBe('LARGER');
  });
});
