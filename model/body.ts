/**
 * The body of a disclosure 正文, optional on every record type (README, "Bodies and attachments"):
 * a summary 内容概述 and the full text, as plain text, as HTML, or both. HTML is kept only as the
 * safe subset below (sanitize-html); when only HTML is sent, the plain text is derived from it, so
 * every record with a body has a plain text to search and quote.
 */
import sanitizeHtml from 'sanitize-html';
import { deidentifyText } from './deidentify';

/** Longest summary, in characters. */
export const MAX_SUMMARY_LENGTH = 2_000;
/** Longest plain-text body, in characters (given or derived from the HTML): a long report or regulation. */
export const MAX_BODY_TEXT_LENGTH = 200_000;
/** Longest HTML body as sent, in characters (markup included). */
export const MAX_BODY_HTML_LENGTH = 500_000;

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const CELL_ATTRIBUTES = ['colspan', 'rowspan'];
const LINK = /^(?:https?:\/\/|mailto:)/i;

/**
 * The HTML a body keeps: paragraphs, line breaks, headings, lists, tables (cells may span), bold,
 * italic and underline, links to http, https and mailto (opened with rel=noopener), and images from
 * https only. Everything else goes: scripts and styles with their content, event handlers, style and
 * class attributes, javascript: and data: URLs, comments.
 */
const SAFE_HTML: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', ...HEADINGS, 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'em', 'b', 'i', 'u', 'a', 'img'],
  allowedAttributes: { a: ['href', 'rel'], img: ['src', 'alt'], th: CELL_ATTRIBUTES, td: CELL_ATTRIBUTES },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Only absolute links: a relative one would point into this API rather than the agency's site.
    a: (tagName, { href }) => ({ tagName, attribs: { ...(href && LINK.test(href) ? { href } : {}), rel: 'noopener' } }),
  },
  // An image not from an absolute https URL is left out rather than kept empty.
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^https:\/\//i.test(frame.attribs.src ?? ''),
};

/** `html` reduced to the safe subset, with personal data masked in what the markup hid (entities). */
export function sanitizeBodyHtml(html: string): string {
  return deidentifyText(sanitizeHtml(html, SAFE_HTML).trim());
}

/** Where the text of sanitised HTML breaks: after blocks and line breaks a new line, between cells a tab. */
const LINE_ENDS = /<br \/>|<\/(?:p|h[1-6]|li|tr|table|ul|ol)>/g;
const CELL_ENDS = /<\/t[hd]>/g;
/** The only entities sanitize-html writes in text. */
const ESCAPED: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

/** The plain text of sanitised HTML: its text, a line per block, tabs between table cells. */
export function textOfHtml(safeHtml: string): string {
  const marked = safeHtml.replace(LINE_ENDS, (end) => `${end}\n`).replace(CELL_ENDS, (end) => `${end}\t`);
  const text = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&(?:amp|lt|gt|quot);/g, (entity) => ESCAPED[entity])
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
