/**
 * Ready queries for what the catalogue's users do with it (DOMAIN.md, "What the users do with it"):
 * the explorer opens them as tabs and lists them, the tests run every one through the gateway.
 */
import { AGENCIES, REGIONS } from '../../model/reference-data';

export interface BilingualText {
  en: string;
  zh: string;
}

export interface ExplorerExample {
  title: BilingualText;
  description: BilingualText;
  /** One named operation: GraphiQL titles the tab with its name. */
  query: string;
  variables: Record<string, unknown>;
  /** HTTP headers the example needs, e.g. an agency's API key (a placeholder to replace). */
  headers?: Record<string, string>;
  /** A file the same filter downloads as, at a path of the gateway (an export). */
  download?: { label: BilingualText; path: string };
}

function agencyCode(name: string): string {
  const agency = AGENCIES.find((a) => a.name === name);
  if (!agency) throw new Error(`no sample agency named ${name}`);
  return agency._id;
}

function regionCode(name: string): string {
  const region = REGIONS.find((r) => r.name === name);
  if (!region) throw new Error(`no sample region named ${name}`);
  return region._id;
}

const PORTAL_AGENCY = agencyCode('岳阳县财政局');
const PUBLISHING_AGENCY = agencyCode('岳阳县国土资源局');
const DOCUMENTS_AGENCY = agencyCode('岳阳县人民政府办公室');
const DRAFT_INDEX_NUMBER = `${PUBLISHING_AGENCY}-/2024-9000001`;
/** Where an agency's key goes; `npm run keys -- create` prints a real one. */
export const KEY_PLACEHOLDER = 'Bearer gdk_<key id>_<secret> (npm run keys -- create --agency <code>)';
/** A company of the sample: 岳阳县鑫源造纸有限公司. */
const DOUBLE_PUBLICITY_CREDIT_CODE = '91430621389790847G';
const EXPORT_FILTER = { domains: ['LAND'], publishedFrom: '2014-01-01' };

export const EXAMPLES = {
  portalHeading: {
    title: { en: 'Portal: an agency’s records under one heading', zh: '门户：某机构某公开目录下的信息' },
    description: {
      en: 'What an agency’s disclosure website shows: its catalogue headings with counts, then the records under one heading, newest first. Follow pageInfo.endCursor with `after` for the next page.',
      zh: '政府信息公开网站的栏目页：机构的公开目录及条数，再按发布日期倒序列出某一目录下的信息。翻页时把 pageInfo.endCursor 传给 after。',
    },
    query: `query AgencyRecordsByHeading($agency: ID!, $heading: String!, $after: String) {
  agency(code: $agency) {
    name
    region { name }
    headings: disclosures(first: 1) {
      facets { category { value count } }
    }
    disclosures(filter: { categories: [$heading] }, orderBy: NEWEST_FIRST, first: 20, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node { indexNumber title documentNumber publishedOn disclosureMode }
      }
    }
  }
}`,
    variables: { agency: PORTAL_AGENCY, heading: '政府采购', after: null },
  },

  portalRecord: {
    title: { en: 'Portal: open one record by its index number', zh: '门户：按索引号打开一条信息' },
    description: {
      en: 'The record page: the envelope every disclosure carries plus the fields of its type. Any indexNumber from the list above opens the same way.',
      zh: '信息详情页：每条信息都有的公开要素，以及该类信息特有的字段。把上一个查询返回的任一索引号填入变量即可打开。',
    },
    query: `query DisclosureByIndexNumber($indexNumber: String!) {
  disclosure(indexNumber: $indexNumber) {
    __typename
    indexNumber
    title
    category
    documentNumber
    subjectTerms
    writtenOn
    publishedAt
    publicationDelayWorkingDays
    disclosureMode
    sourceUrl
    agency { code name }
    region { code name }
    interpretation { indexNumber title }
    ... on ProcurementAward {
      projectName
      method
      supplier { name creditCode }
      awardAmount { yuan }
      awardDate
    }
    ... on LandTransfer { parcelNumber use finalPrice { yuan } winningParty transferredOn }
    ... on BudgetReport { kind fiscalYear totalExpenditure { yuan } }
  }
}`,
    // A record of the sample that `npm start` loads into an empty database.
    variables: { indexNumber: `${PORTAL_AGENCY}-/2017-1004174` },
  },

  landTransfersAbovePrice: {
    title: { en: 'Land transfers in 楚雄州 above a price, 2014', zh: '楚雄州2014年成交价高于某金额的土地出让' },
    description: {
      en: 'Every land-use right transfer in 楚雄彝族自治州 and the counties below it, dealt in 2014 at a final price of at least 500,000 yuan. Prices are exact decimal strings in yuan.',
      zh: '楚雄彝族自治州（含下辖县市）2014年成交、成交价不低于50万元的国有土地使用权出让。金额以元为单位的精确十进制字符串表示。',
    },
    query: `query LandTransfersAbovePrice($region: ID!, $minFinalPrice: YuanAmount!, $from: Date!, $to: Date!) {
  landTransfers(
    envelope: { regionCodes: [$region] }
    filter: { minFinalPrice: $minFinalPrice, transferredFrom: $from, transferredTo: $to }
    first: 100
  ) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        indexNumber
        title
        agency { name }
        region { name }
        parcelNumber
        location
        use
        method
        areaSquareMetres
        startingPrice { yuan }
        finalPrice { yuan }
        winningParty
        transferredOn
      }
    }
  }
}`,
    variables: { region: regionCode('楚雄彝族自治州'), minFinalPrice: '500000', from: '2014-01-01', to: '2014-12-31' },
  },

  procurementAwardsToSupplier: {
    title: { en: 'Every procurement award to one supplier', zh: '某供应商中标/成交的全部政府采购' },
    description: {
      en: 'All government procurement awards won by one supplier, from every agency, with the buyer, method, budget and award amount. The supplier name must match exactly.',
      zh: '某一供应商在各机构中标或成交的全部政府采购结果，含采购人、采购方式、预算金额与中标金额。供应商名称须完全一致。',
    },
    query: `query ProcurementAwardsToSupplier($supplier: String!) {
  procurementAwards(filter: { supplierName: $supplier }, first: 100) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        indexNumber
        publishedOn
        agency { name }
        procuringEntity
        projectName
        projectNumber
        method
        budget { yuan }
        awardAmount { yuan }
        awardDate
        supplier { name creditCode }
      }
    }
  }
}`,
    variables: { supplier: '楚雄州明达电子工程有限公司' },
  },

  doublePublicityOfCompany: {
    title: { en: 'The 双公示 of one company: its licences and penalties', zh: '某企业的“双公示”：行政许可与行政处罚' },
    description: {
      en: 'Every administrative licence granted to and every administrative penalty imposed on one company, by any agency of any sector, found by its unified social credit code: what a credit check reads. Natural persons appear with their names masked and no code.',
      zh: '按统一社会信用代码查询某企业获得的全部行政许可和受到的全部行政处罚（各领域、各机构），即信用核查所需的“双公示”信息。自然人姓名经脱敏处理，且不公示代码。',
    },
    query: `query DoublePublicityOfCompany($creditCode: String!) {
  administrativeLicences(filter: { holderCreditCode: $creditCode }, first: 100) {
    totalCount
    edges {
      node { indexNumber agency { name } decisionNumber licenceName licenceCategory holder content decidedOn validFrom validTo }
    }
  }
  administrativePenalties(filter: { partyCreditCode: $creditCode }, first: 100) {
    totalCount
    edges {
      node { indexNumber agency { name } caseNumber sector party violation penaltyKinds fineAmount { yuan } decidedOn }
    }
  }
}`,
    variables: { creditCode: DOUBLE_PUBLICITY_CREDIT_CODE },
  },

  penaltiesBySector: {
    title: { en: 'Work-safety fines in 岳阳市 from 50,000 yuan', zh: '岳阳市罚款5万元以上的安全生产行政处罚' },
    description: {
      en: 'Administrative penalties of one sector in 岳阳市 and the counties below it that fine at least 50,000 yuan, newest published first. Change the sector (MARKET_REGULATION, ENVIRONMENT, …) to compare.',
      zh: '岳阳市（含下辖县市区）某一领域罚款不低于5万元的行政处罚，按发布日期倒序。更换领域（市场监管、生态环境等）即可对比。',
    },
    query: `query PenaltiesBySector($region: ID!, $sectors: [PenaltySector!], $minFine: YuanAmount) {
  administrativePenalties(envelope: { regionCodes: [$region] }, filter: { sectors: $sectors, minFineAmount: $minFine }, first: 50) {
    totalCount
    edges {
      node { indexNumber agency { name } caseNumber party partyKind penaltyKinds fineAmount { yuan } decidedOn }
    }
  }
}`,
    variables: { region: regionCode('岳阳市'), sectors: ['WORK_SAFETY'], minFine: '50000' },
  },

  recordsMentioning: {
    title: { en: 'Every record that mentions 征地拆迁', zh: '提及“征地拆迁”的全部信息' },
    description: {
      en: 'A text search across every domain: titles, subject terms, document numbers and agency names that contain the words, with counts by domain, type and agency.',
      zh: '跨领域全文检索：标题、主题词、文号或发布机构名称中包含该词的信息，并按领域、类别和机构分面统计。',
    },
    query: `query RecordsMentioning($text: String!) {
  catalogue(filter: { text: $text }, first: 20) {
    totalCount
    facets {
      domain { value count }
      type { value count }
      agency { label count }
    }
    pageInfo { hasNextPage endCursor }
    edges {
      node { __typename indexNumber title category publishedOn agency { name } }
    }
  }
}`,
    variables: { text: '征地拆迁' },
  },

  countsByAgencyAndYear: {
    title: { en: 'Counts by agency and year', zh: '按机构和年度统计' },
    description: {
      en: 'How many records each agency published in each year (Asia/Shanghai), largest first. Add a filter, e.g. { "domains": ["FINANCE"] }, to count one domain.',
      zh: '各机构每年发布的信息条数（按北京时间计年度），从多到少排列。可加筛选条件，如 { "domains": ["FINANCE"] }，只统计某一领域。',
    },
    query: `query CountsByAgencyAndYear($filter: CatalogueFilter) {
  catalogueCounts(filter: $filter, by: [AGENCY, YEAR]) {
    keys { value label }
    count
  }
}`,
    variables: { filter: null },
  },

  lateAgencies: {
    title: { en: 'Which agencies publish late', zh: '哪些机构逾期公开' },
    description: {
      en: 'Records that went public more than 20 working days after they were written (State Council holiday calendar, 调休 included), counted by agency, with the latest of them and their delay.',
      zh: '成文后超过20个工作日才公开的信息（按国务院节假日安排，含调休），按机构统计，并列出最近的逾期信息及其公开时限。',
    },
    query: `query AgenciesPublishingLate {
  lateByAgency: catalogueCounts(filter: { publishedLate: true }, by: [AGENCY]) {
    keys { value label }
    count
  }
  latestLate: catalogue(filter: { publishedLate: true }, first: 10) {
    totalCount
    edges {
      node { indexNumber title agency { name } writtenOn publishedOn publicationDelayWorkingDays }
    }
  }
}`,
    variables: {},
  },

  inconsistentRecords: {
    title: { en: 'Records whose dates or numbers disagree', zh: '日期或编号自相矛盾的信息' },
    description: {
      en: 'Records stored as their agencies published them but flagged: written after they were published, or an index or document number of another year. Counted by flag and by agency, then listed with what disagrees.',
      zh: '按原样收录但被标记的信息：成文日期晚于发布日期，或索引号、文号中的年份与成文、发布年份不符。按标记和机构统计，并列出具体信息。',
    },
    query: `query InconsistentRecords {
  byFlag: catalogueCounts(by: [QUALITY_FLAG]) { keys { value } count }
  byAgency: catalogueCounts(filter: { qualityFlags: [WRITTEN_AFTER_PUBLISHED] }, by: [AGENCY]) {
    keys { value label }
    count
  }
  writtenAfterPublished: catalogue(filter: { qualityFlags: [WRITTEN_AFTER_PUBLISHED] }, first: 10) {
    totalCount
    edges {
      node { indexNumber title agency { name } writtenOn publishedOn documentNumber qualityFlags }
    }
  }
}`,
    variables: {},
  },

  lateAnswers: {
    title: { en: 'Which agencies answer requests late', zh: '哪些机构逾期答复依申请公开' },
    description: {
      en: 'Requests for information 依申请公开 answered after their due day (20 working days on the State Council calendar, with the pauses and the extension the law allows), agencies ranked by late answers over a period, then the latest late answers from the public request log. Nothing identifies the applicants.',
      zh: '超过答复期限（按国务院节假日安排计算20个工作日，含法定的中止和延期）才答复的政府信息公开申请：按逾期答复数对机构排序，再列出公开登记中最近的逾期答复。不含任何申请人身份信息。',
    },
    query: `query AgenciesAnsweringLate($from: Date!, $to: Date!) {
  lateAnswerRanking(from: $from, to: $to) {
    agency { name }
    answered
    onTime
    late
  }
  lateAnswers: requestLog(filter: { answeredLate: true }, first: 10) {
    totalCount
    edges {
      node { subject applicantType receivedOn answerType answeredOn agency { name } }
    }
  }
}`,
    variables: { from: '2024-01-01', to: '2026-12-31' },
  },

  pullSince: {
    title: { en: 'Another agency pulls what is new, page by page', zh: '其他机构分页拉取上次以来的新信息' },
    description: {
      en: 'Everything published since a day, oldest first, 100 a page. Pass pageInfo.endCursor as `after` until hasNextPage is false; keep the last endCursor and start the next pull after it, so no record is missed or repeated.',
      zh: '自某日起发布的全部信息，按发布时间正序，每页100条。把 pageInfo.endCursor 作为 after 继续翻页，直到 hasNextPage 为 false；保存最后一个 endCursor，下次从它之后拉取，不漏不重。',
    },
    query: `query PullSince($since: Date!, $after: String, $first: Int = 100) {
  catalogue(filter: { publishedFrom: $since }, orderBy: OLDEST_FIRST, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        __typename
        indexNumber
        title
        category
        publishedAt
        disclosureMode
        sourceUrl
        agency { code }
        region { code }
      }
    }
  }
}`,
    variables: { since: '2014-01-01', after: null },
  },

  submitDraft: {
    title: { en: 'An agency submits a record for review', zh: '机构报送一条待审查的信息' },
    description: {
      en: 'Needs the agency’s API key in the Headers tab (npm run keys -- create). The record is stored as a DRAFT that only the agency sees; each invalid record comes back with every problem (field, rule, message). The same record sent again changes nothing. Many records at once: npm run import -- <file.csv|json|ndjson> (see README).',
      zh: '需在 Headers 中填入本机构的 API 密钥（npm run keys -- create 生成）。信息以草稿保存，仅本机构可见；不合格的信息逐条返回全部问题（字段、规则、说明）。重复报送不产生变化。批量导入文件：npm run import -- <文件>（见 README）。',
    },
    query: `mutation SubmitDraft($submissions: [DisclosureSubmission!]!) {
  submitDisclosures(submissions: $submissions) {
    accepted { position indexNumber status changed }
    rejected { position indexNumber errors { field rule message } }
  }
}`,
    variables: {
      submissions: [
        {
          type: 'LandTransfer',
          envelope: {
            indexNumber: DRAFT_INDEX_NUMBER,
            title: '岳阳县国有建设用地使用权挂牌出让结果公示（430621-2024-017号宗地）',
            category: '土地出让',
            agencyCode: PUBLISHING_AGENCY,
            regionCode: regionCode('岳阳县'),
            subjectTerms: ['土地出让', '挂牌'],
            writtenOn: '2024-06-18',
            publishedAt: '2024-06-20T10:00:00+08:00',
            disclosureMode: 'FULL',
          },
          fields: {
            parcelNumber: '430621-2024-017',
            location: '荣家湾镇新墙大道东侧',
            areaSquareMetres: 12000.5,
            use: 'RESIDENTIAL',
            termYears: 70,
            method: 'LISTING',
            floorAreaRatio: 2.5,
            startingPrice: '18000000',
            finalPrice: '21350000.50',
            winningParty: '岳阳城投置业有限公司',
            transferredOn: '2024-06-18',
          },
        },
      ],
    },
    headers: { Authorization: KEY_PLACEHOLDER },
  },

  reviewAndPublish: {
    title: { en: 'Review, then publish (先审查后公开)', zh: '先审查后公开：审查并发布' },
    description: {
      en: 'Moves the draft to REVIEWED, then to PUBLISHED, in one request (mutations run in order). Only then does the public see it, and the change feed carries it. withdrawDisclosures takes a record back out of public view.',
      zh: '在一次请求中把草稿依次变为“已审查”和“已发布”（变更按顺序执行）。发布后公众才可见，变更流随之推送。withdrawDisclosures 可撤回公开。',
    },
    query: `mutation ReviewAndPublish($indexNumbers: [String!]!) {
  reviewed: reviewDisclosures(indexNumbers: $indexNumbers) { indexNumber status }
  published: publishDisclosures(indexNumbers: $indexNumbers) { indexNumber status }
}`,
    variables: { indexNumbers: [DRAFT_INDEX_NUMBER] },
    headers: { Authorization: KEY_PLACEHOLDER },
  },

  normativeDocuments: {
    title: { en: 'An agency’s normative documents and their validity', zh: '某机构的行政规范性文件及其有效性' },
    description: {
      en: 'The normative documents 行政规范性文件 a county government issued (国办发〔2018〕37号), with their kind 文种, the days they take effect and expire, whether they are in force, the document that repealed or amended them, and their interpretations.',
      zh: '县政府发布的行政规范性文件（国办发〔2018〕37号），含文种、施行日期、有效期、有效性、废止或修订它的文件，以及政策解读。',
    },
    query: `query NormativeDocuments($agency: ID!) {
  policyDocuments(envelope: { agencyCodes: [$agency] }, filter: { normative: true }, first: 20) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        indexNumber
        title
        documentNumber
        publishedOn
        kind
        coIssuers
        effectiveOn
        expiresOn
        validity
        replacedBy { indexNumber title }
        interpretations { indexNumber title }
      }
    }
  }
}`,
    variables: { agency: DOCUMENTS_AGENCY },
  },

  interpretationsBothWays: {
    title: { en: 'Policy interpretations, both ways', zh: '政策解读：从解读到文件，从文件到解读' },
    description: {
      en: 'Each interpretation 政策解读 with the records it interprets, of any type (inline fragments give their own fields), and each policy document with the interpretations published for it.',
      zh: '每条政策解读及其所解读的信息（任何类别，用内联片段取各自的字段），以及每份政策文件已发布的解读。',
    },
    query: `query InterpretationsBothWays($agency: ID!) {
  policyInterpretations(envelope: { agencyCodes: [$agency] }, first: 10) {
    edges {
      node {
        title
        form
        mediaUrl
        interprets {
          __typename
          indexNumber
          title
          ... on PolicyDocument { kind validity }
        }
      }
    }
  }
  policyDocuments(envelope: { agencyCodes: [$agency] }, first: 10) {
    edges {
      node {
        title
        interpretations { title publishedOn ... on PolicyInterpretation { form } }
      }
    }
  }
}`,
    variables: { agency: DOCUMENTS_AGENCY },
  },

  consultations: {
    title: { en: 'Public consultations and how comments were taken up', zh: '公开征求意见及意见采纳情况' },
    description: {
      en: 'Drafts put out for comment in a region: whether they are open now, until when, how to comment, how many comments were received and adopted, and the document finally issued.',
      zh: '某地区公开征求意见的草案：当前是否在征求意见期内、截止时间、反馈渠道、收到和采纳的意见条数，以及最终印发的文件。',
    },
    query: `query Consultations($region: ID!) {
  consultations(envelope: { regionCodes: [$region] }, first: 20) {
    totalCount
    edges {
      node {
        title
        agency { name }
        windowStatus
        commentWindow { opensAt closesAt }
        channels { kind address }
        feedback { commentsReceived commentsAdopted summary }
        finalDocument { indexNumber title }
      }
    }
  }
}`,
    variables: { region: regionCode('岳阳县') },
  },

  changeFeed: {
    title: { en: 'Keep a copy in step: the change feed', zh: '保持副本同步：变更流' },
    description: {
      en: 'Every change to what the public sees, in commit order: UPSERT carries the record as it is now, TOMBSTONE says it left public view (withdrawn). Keep pageInfo.endCursor and pass it as `after` next time: nothing is missed or repeated, withdrawals included.',
      zh: '公众可见内容的每一次变更，按提交顺序：UPSERT 附带信息的当前内容，TOMBSTONE 表示已撤回。保存 pageInfo.endCursor，下次作为 after 传入：不漏不重，撤回也能同步。',
    },
    query: `query PullChanges($after: String, $first: Int = 100) {
  changes(after: $after, first: $first) {
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        sequence
        kind
        indexNumber
        type
        disclosure {
          title
          publishedAt
          agency { code name }
          ... on LandTransfer { finalPrice { yuan } }
        }
      }
    }
  }
}`,
    variables: { after: null },
  },

  exportForSpreadsheet: {
    title: { en: 'Everything a filter finds, as a spreadsheet', zh: '按条件导出全部结果（表格）' },
    description: {
      en: 'The count and first page of a filter here; the download link gives every matching record as CSV (also /export.ndjson), with no row limit. Any CatalogueFilter works: /export.csv?filter=<the filter as JSON>.',
      zh: '此处显示条件的结果数和第一页；下载链接以 CSV 导出全部匹配记录（也有 /export.ndjson），不限行数。任何 CatalogueFilter 均可：/export.csv?filter=<JSON 格式的条件>。',
    },
    query: `query LandSince2014($filter: CatalogueFilter) {
  catalogue(filter: $filter, first: 20) {
    totalCount
    edges { node { __typename indexNumber title publishedOn agency { name } } }
  }
}`,
    variables: { filter: EXPORT_FILTER },
    download: {
      label: { en: 'Download CSV', zh: '下载 CSV' },
      path: `export.csv?filter=${encodeURIComponent(JSON.stringify(EXPORT_FILTER))}`,
    },
  },
} satisfies Record<string, ExplorerExample>;

export type ExampleName = keyof typeof EXAMPLES;

/** The examples in the order the explorer shows them. */
export const EXAMPLE_LIST: ExplorerExample[] = Object.values(EXAMPLES);
