/**
 * Sample bodies 正文: a summary and a short plain-text body for half the sample records (kept
 * short so the sample's scans stay as fast as before; bench:text measures long bodies), written from the record's own title, agency and terms and from
 * sentences of the kind disclosures are written in. Drawn from a source of their own, seeded by
 * the record's serial, so the rest of the sample stays as it was.
 */
import { Random } from './random';

const SENTENCES = [
  '根据《中华人民共和国政府信息公开条例》的规定，现将有关情况公开如下。',
  '本信息由{agency}负责解释，公众可通过政府网站或政务服务大厅查阅。',
  '{region}各有关单位要高度重视，认真组织实施，确保各项工作落到实处。',
  '对本公告内容有异议的，可在公示期内以书面形式向{agency}反映。',
  '本次公开的内容涉及{terms}等事项，具体情况详见附件。',
  '经审查，相关材料齐全，符合法定条件，予以公开。',
  '各级各部门应当按照统一部署，加强协调配合，形成工作合力。',
  '公开期间接受社会监督，如发现问题请及时向有关部门举报。',
  '{title}的编制工作严格遵循公开、公平、公正的原则。',
  '下一步，我们将继续推进政务公开标准化规范化建设，提升公开质量。',
  '有关资金使用情况已按规定程序报经审核，并接受审计监督。',
  '本文件自发布之日起施行，此前有关规定与本文件不一致的，以本文件为准。',
];

/** Body lengths of the sample, in characters: half without one, a paragraph, a page (bench:text measures long bodies on its own). */
const LENGTHS = [0, 0, 150, 600];

export interface SampleBody {
  summary: string | null;
  bodyText: string | null;
  bodyHtml: null;
}

/** What a body is written from. */
export interface BodySubject {
  title: string;
  agencyName: string;
  regionName?: string;
  subjectTerms: string[];
}

const filled = (sentence: string, subject: BodySubject) =>
  sentence
    .replace('{agency}', subject.agencyName)
    .replace('{region}', subject.regionName ?? '')
    .replace('{title}', subject.title)
    .replace('{terms}', subject.subjectTerms.join('、') || '相关');

/** A body of about `length` characters (paragraphs of 2 to 5 sentences), cut to exactly `length`. */
export function sampleBodyText(rng: Random, length: number, subject: BodySubject): string {
  const paragraphs: string[] = [];
  for (let size = 0; size < length; ) {
    const paragraph = Array.from({ length: rng.int(2, 5) }, () => filled(rng.pick(SENTENCES), subject)).join('');
    paragraphs.push(paragraph);
    size += paragraph.length + 1;
  }
  return paragraphs.join('\n').slice(0, length).trimEnd();
}

export function sampleBody(serial: number, subject: BodySubject): SampleBody {
  const rng = new Random(serial);
  const length = rng.pick(LENGTHS);
  if (!length) return { summary: null, bodyText: null, bodyHtml: null };
  return { summary: `${subject.title}。${filled(SENTENCES[1], subject)}`, bodyText: sampleBodyText(rng, length, subject), bodyHtml: null };
}
