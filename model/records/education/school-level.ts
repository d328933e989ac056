import { z } from 'zod';

/** Level of a school 学段, as schools and their fee items both state it. */
export const schoolLevel = z.enum(['KINDERGARTEN', 'PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'NINE_YEAR', 'VOCATIONAL', 'SPECIAL']);
