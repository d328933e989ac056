/**
 * Ready queries for what the catalogue's users do with it (DOMAIN.md, "What the users do with it"):
 * the explorer opens them as tabs and lists them, the tests run every one through the gateway.
 */
import { AGENCIES, REGIONS } from '../scripts/sample/reference';

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
} satisfies Record<string, ExplorerExample>;

export type ExampleName = keyof typeof EXAMPLES;

/** The examples in the order the explorer shows them. */
export const EXAMPLE_LIST: ExplorerExample[] = Object.values(EXAMPLES);
