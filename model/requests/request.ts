/**
 * A request for information 政府信息公开申请 (2019 Regulations, Arts 27–45) and the steps of its
 * handling, as stored: registration 登记 with the receipt day of its channel (Art. 31), at most one
 * request for correction 补正 (Art. 30), consultations 征求意见 (Arts 32–34), at most one extension
 * 延期 (Art. 33), the answer 答复 (Arts 36–39) and archiving 归档 (Art. 45). The clock is computed
 * from these steps (./clock.ts), never stored apart from the keys the lists are sorted by.
 */
import type { SealedValue } from '../../platform/sealed-data';
import { clockState, requestClock, type Channel, type Clock, type ClockState } from './clock';

/** The applicant columns of the annual report's table 三 申请人情况. */
export const APPLICANT_TYPES = [
  'NATURAL_PERSON',
  'COMMERCIAL_ENTERPRISE',
  'RESEARCH_INSTITUTION',
  'PUBLIC_INTEREST_ORGANISATION',
  'LEGAL_SERVICE_INSTITUTION',
  'OTHER',
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

export const CHANNELS = ['IN_PERSON', 'ORAL', 'REGISTERED_POST', 'ORDINARY_LETTER', 'ONLINE', 'FAX'] as const satisfies readonly Channel[];

export type ConsultationKind = 'THIRD_PARTY' | 'CO_PRODUCING_AGENCY' | 'OTHER_AGENCY';
export type ConsultationReply = 'AGREE' | 'OBJECT' | 'NONE';

/** The articles an answer rests on. */
export type LegalBasis =
  | 'ART_14'
  | 'ART_15'
  | 'ART_16_1'
  | 'ART_16_2'
  | 'ART_30'
  | 'ART_35'
  | 'ART_36_1'
  | 'ART_36_2'
  | 'ART_36_4'
  | 'ART_36_5'
  | 'ART_36_6'
  | 'ART_36_7'
  | 'ART_37'
  | 'ART_38'
  | 'ART_39_1'
  | 'ART_39_2'
  | 'ART_42';

/**
 * The answer types: the 21 result rows of the 2021 annual report's table 三 (（一）, （二） and the 19
 * reason leaves of （三）–（六）), each with the articles it may rest on (the first is the default
 * where there is one only; where there are several the answer must say which).
 */
export const ANSWER_TYPES = {
  DISCLOSED: { row: '（一）予以公开', bases: ['ART_36_1', 'ART_36_2'] },
  PARTLY_DISCLOSED: { row: '（二）部分公开', bases: ['ART_37'] },
  WITHHELD_STATE_SECRET: { row: '（三）1 属于国家秘密', bases: ['ART_14'] },
  WITHHELD_BARRED_BY_LAW: { row: '（三）2 其他法律行政法规禁止公开', bases: ['ART_14'] },
  WITHHELD_SECURITY_STABILITY: { row: '（三）3 危及“三安全一稳定”', bases: ['ART_14'] },
  WITHHELD_THIRD_PARTY_RIGHTS: { row: '（三）4 保护第三方合法权益', bases: ['ART_15'] },
  WITHHELD_INTERNAL_AFFAIRS: { row: '（三）5 属于三类内部事务信息', bases: ['ART_16_1'] },
  WITHHELD_PROCESS_INFORMATION: { row: '（三）6 属于四类过程性信息', bases: ['ART_16_2'] },
  WITHHELD_ENFORCEMENT_FILE: { row: '（三）7 属于行政执法案卷', bases: ['ART_16_2'] },
  WITHHELD_ADMINISTRATIVE_QUERY: { row: '（三）8 属于行政查询事项', bases: ['ART_36_7'] },
  UNAVAILABLE_NOT_HELD: { row: '（四）1 本机关不掌握相关政府信息', bases: ['ART_36_4', 'ART_36_5'] },
  UNAVAILABLE_NEEDS_CREATION: { row: '（四）2 没有现成信息需要另行制作', bases: ['ART_38'] },
  UNAVAILABLE_UNCLEAR_AFTER_CORRECTION: { row: '（四）3 补正后申请内容仍不明确', bases: ['ART_30'] },
  NOT_PROCESSED_PETITION: { row: '（五）1 信访举报投诉类申请', bases: ['ART_39_1'] },
  NOT_PROCESSED_REPEAT: { row: '（五）2 重复申请', bases: ['ART_36_6'] },
  NOT_PROCESSED_PUBLICATION: { row: '（五）3 要求提供公开出版物', bases: ['ART_39_2'] },
  NOT_PROCESSED_EXCESSIVE: { row: '（五）4 无正当理由大量反复申请', bases: ['ART_35'] },
  NOT_PROCESSED_CONFIRMATION: { row: '（五）5 要求行政机关确认或重新出具已获取信息', bases: [] },
  OTHER_CORRECTION_LAPSED: { row: '（六）1 逾期不补正', bases: ['ART_30'] },
  OTHER_FEE_UNPAID: { row: '（六）2 逾期未缴纳费用', bases: ['ART_42'] },
  OTHER: { row: '（六）3 其他', bases: [] },
} as const satisfies Record<string, { row: string; bases: readonly LegalBasis[] }>;
export type AnswerType = keyof typeof ANSWER_TYPES;

/** Answers that provide information, and so may name catalogue records already public. */
export const PROVIDING_ANSWERS: ReadonlySet<AnswerType> = new Set(['DISCLOSED', 'PARTLY_DISCLOSED']);

/** Who applied and how to reach them (Art. 29(1)): personal data, sealed before it is stored. */
export interface Applicant {
  name: string;
  /** The ID card or other credential number 身份证明 (an organisation's credit code). */
  idNumber: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

export interface StoredCorrection {
  noticeOn: string;
  /** Everything the applicant must correct, told once. */
  items: string[];
  periodWorkingDays: number;
  correctedOn: string | null;
}

export interface StoredConsultation {
  kind: ConsultationKind;
  sentOn: string;
  /** The day the reply arrived (AGREE, OBJECT) or the day its absence was recorded (NONE). */
  repliedOn: string | null;
  reply: ConsultationReply | null;
}

export interface StoredExtension {
  /** The role that approved it: the head of the disclosure office 政府信息公开工作机构负责人. */
  approvedBy: string;
  approvedOn: string;
  applicantNotifiedOn: string;
  workingDays: number;
}

export interface StoredAnswer {
  answeredOn: string;
  type: AnswerType;
  legalBasis: LegalBasis | null;
  /** Index numbers 索引号 of catalogue records the answer points to (already public). */
  providedIndexNumbers: string[];
  /** A processing fee 信息处理费 (Art. 42), in fen; null when none was charged. */
  feeFen: number | null;
}

export interface StoredRequest {
  _id: string;
  agencyCode: string;
  applicantType: ApplicantType;
  channel: Channel;
  submittedOn: string;
  signedForOn: string | null;
  confirmedOn: string | null;
  /** The receipt day of the channel (Art. 31). */
  receivedOn: string;
  /** The information asked for, de-identified. */
  description: string;
  requestedForm: string | null;
  delivery: string | null;
  /** The Applicant, sealed for the request's id (platform/sealed-data.ts). */
  applicant: SealedValue;
  registeredAt: Date;
  correction: StoredCorrection | null;
  consultations: StoredConsultation[];
  extension: StoredExtension | null;
  answer: StoredAnswer | null;
  archivedOn: string | null;
  // Kept with every step, from the clock, for the lists to filter and sort by.
  /** Unanswered (and not archived). */
  open: boolean;
  /** The day the agency must act by: the answer's due day, or while a correction is awaited the end of its period. */
  nextDeadlineOn: string;
  answeredOn: string | null;
  answerType: AnswerType | null;
  /** Answered after its due day; null while unanswered. */
  answeredLate: boolean | null;
  /** Incremented by every step: a step is stored only onto the state it was checked against. */
  version: number;
}

export const REQUESTS_COLLECTION = 'requests';

/** The clock as answered: with the receipt day it starts from. */
export type RequestClockReading = Clock & { receivedOn: string };

/** The request's clock, from its stored steps; a consultation without reply pauses to the end of its period. */
export function clockOf(request: Pick<StoredRequest, 'receivedOn' | 'correction' | 'consultations' | 'extension' | 'answer'>): Clock {
  return requestClock({
    receivedOn: request.receivedOn,
    correction: request.correction,
    consultations: request.consultations.map(({ sentOn, repliedOn, reply }) => ({ sentOn, repliedOn: reply === 'NONE' ? null : repliedOn })),
    extension: request.extension,
    answeredOn: request.answer?.answeredOn ?? null,
  });
}

/**
 * Where a request stands on `today`. One closed before its clock started (the correction never
 * came, or it was withdrawn meanwhile) was closed in time: it had no due day to miss.
 */
export function requestState(request: StoredRequest, today: string): ClockState {
  const clock = clockOf(request);
  if (!clock.dueOn && request.answer) return 'ANSWERED_ON_TIME';
  return clockState(clock, request.answer?.answeredOn, today);
}

type ListKeys = Pick<StoredRequest, 'open' | 'nextDeadlineOn' | 'answeredOn' | 'answerType' | 'answeredLate'>;

/** The fields the lists filter and sort by, from the steps (kept with every write). */
export function listKeysOf(request: Omit<StoredRequest, keyof ListKeys>): ListKeys {
  const clock = clockOf(request);
  const answeredOn = request.answer?.answeredOn ?? null;
  return {
    open: !request.answer,
    // Without a due day a correction is awaited, and its period has an end.
    nextDeadlineOn: clock.dueOn ?? (clock.correctionPeriodEndsOn as string),
    answeredOn,
    answerType: request.answer?.type ?? null,
    answeredLate: answeredOn === null ? null : clock.dueOn !== null && answeredOn > clock.dueOn,
  };
}
