import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { EXAMPLE_LIST, type ExplorerExample } from './examples';

const ASSET_ROOT = '/explorer/assets';
const JAVASCRIPT = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** Asset URLs carry a hash of their content, so browsers may keep them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The page may load and call only its own origin: the explorer is meant to work with no internet,
 * and this makes a stray external reference fail loudly instead of silently. GraphiQL sets inline
 * styles and embeds its fonts as data: URLs.
 */
const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  url: string;
  contentType: string;
  body: Buffer;
}

function asset(name: string, contentType: string, body: Buffer | string): Asset {
  const content = typeof body === 'string' ? Buffer.from(body) : body;
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 16);
  return { url: `${ASSET_ROOT}/${hash}/${name}`, contentType, body: content };
}

function packageAsset(packageName: string, file: string, contentType: string): Asset {
  // The packages' export maps hide their UMD bundles from require.resolve, but not package.json.
  const packageDir = path.dirname(require.resolve(`${packageName}/package.json`));
  return asset(path.basename(file), contentType, readFileSync(path.join(packageDir, file)));
}

/** The page's own script: GraphiQL on the gateway's endpoint, the examples as tabs and as a side panel. */
const EXPLORER_SCRIPT = `(function () {
  'use strict';
  var h = React.createElement;
  var useEditorContext = GraphiQL.React.useEditorContext;
  var examples = JSON.parse(document.getElementById('explorer-examples').textContent);

  function ExamplesIcon() {
    return h('svg', { viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, strokeLinecap: 'round', 'aria-hidden': true },
      h('path', { d: 'M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01' }));
  }

  function ExamplesPanel() {
    var editor = useEditorContext({ nonNull: true });
    function open(example) {
      var index = editor.tabs.findIndex(function (tab) {
        return tab.query === example.query && tab.variables === example.variables && (tab.headers || null) === example.headers;
      });
      if (index >= 0) {
        editor.changeTab(index);
        return;
      }
      editor.addTab();
      // addTab puts GraphiQL's default text in the new tab when React applies it; the example goes in after.
      setTimeout(function () {
        editor.queryEditor.setValue(example.query);
        editor.variableEditor.setValue(example.variables || '');
        if (editor.headerEditor) editor.headerEditor.setValue(example.headers || '');
      });
    }
    return h('div', { className: 'explorer-examples' },
      h('div', { className: 'graphiql-doc-explorer-title' }, 'Examples'),
      h('p', { className: 'explorer-examples-intro' },
        'Ready queries for what journalists, portals and other agencies do with the catalogue. Click one to open it, then run it with ▶.',
        h('br'), '常用查询示例：点击打开，再按 ▶ 运行。'),
      h('ol', null, examples.map(function (example, index) {
        return h('li', { key: index },
          h('button', { type: 'button', onClick: function () { open(example); } },
            h('span', { className: 'explorer-example-title' }, example.title.en),
            h('span', { className: 'explorer-example-title', lang: 'zh-CN' }, example.title.zh)),
          h('p', null, example.description.en),
          h('p', { lang: 'zh-CN' }, example.description.zh),
          example.download && h('p', null,
            h('a', { href: example.download.path, download: '' }, example.download.label.en + ' · ' + example.download.label.zh)));
      })));
  }

  // GraphiQL 3 opens the first of its default tabs without that tab's variables; they go in once the editor exists.
  function FirstTabVariables() {
    var editor = useEditorContext({ nonNull: true });
    var variableEditor = editor.variableEditor;
    React.useEffect(function () {
      var tab = editor.tabs[editor.activeTabIndex];
      if (variableEditor && tab.variables && !variableEditor.getValue()) variableEditor.setValue(tab.variables);
    }, [variableEditor]);
    return null;
  }

  var examplesPlugin = { title: 'Examples 示例查询', icon: ExamplesIcon, content: ExamplesPanel };

  ReactDOM.createRoot(document.getElementById('explorer')).render(
    h(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: 'graphql', enableIncrementalDelivery: false }),
      defaultTabs: examples.map(function (example) {
        return { query: example.query, variables: example.variables, headers: example.headers };
      }),
      plugins: [examplesPlugin],
      visiblePlugin: examplesPlugin,
      defaultEditorToolsVisibility: 'variables',
      toolbar: { additionalContent: h(FirstTabVariables) },
    }, h(GraphiQL.Logo, null, '政府信息公开')));
})();
`;

const EXPLORER_STYLE = `html, body, #explorer { height: 100%; margin: 0; }
.explorer-examples ol { list-style: none; margin: 0; padding: 0; }
.explorer-examples li { margin: 0 0 var(--px-16); }
.explorer-examples p { margin: var(--px-4) 0 0; font-size: var(--font-size-hint); color: hsla(var(--color-neutral), var(--alpha-secondary)); }
.explorer-examples .explorer-examples-intro { margin: var(--px-8) 0 var(--px-20); font-size: var(--font-size-body); }
.explorer-examples button {
  display: block; width: 100%; text-align: left; cursor: pointer; font: inherit; color: hsl(var(--color-primary));
  background: hsla(var(--color-primary), var(--alpha-background-light)); border: none;
  border-radius: var(--border-radius-4); padding: var(--px-6) var(--px-8);
}
.explorer-examples button:hover { background: hsla(var(--color-primary), var(--alpha-background-medium)); }
.explorer-example-title { display: block; font-weight: var(--font-weight-medium); }
.graphiql-container .graphiql-logo { white-space: nowrap; }
.explorer-noscript { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; font-family: sans-serif; line-height: 1.5; }
.explorer-noscript pre { background: #f4f5f7; padding: 0.75rem; overflow-x: auto; }
`;

interface BrowserExample {
  title: ExplorerExample['title'];
  description: ExplorerExample['description'];
  query: string;
  /** The variables editor's text, as GraphiQL keeps it; null when the query takes none. */
  variables: string | null;
  /** The headers editor's text; null when the example needs none. */
  headers: string | null;
  download?: ExplorerExample['download'];
}

function browserExample(example: ExplorerExample): BrowserExample {
  const hasVariables = Object.keys(example.variables).length > 0;
  return {
    title: example.title,
    description: example.description,
    query: example.query,
    variables: hasVariables ? JSON.stringify(example.variables, null, 2) : null,
    headers: example.headers ? JSON.stringify(example.headers, null, 2) : null,
    download: example.download,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside a <script> element: `<` escaped so no string in it can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function noscriptExample(example: BrowserExample): string {
  const variables = example.variables ? `<p>Variables 变量:</p><pre>${escapeHtml(example.variables)}</pre>` : '';
  const headers = example.headers ? `<p>Headers 请求头:</p><pre>${escapeHtml(example.headers)}</pre>` : '';
  const download = example.download
    ? `<p><a href="${escapeHtml(example.download.path)}" download>${escapeHtml(example.download.label.en)} · ${escapeHtml(example.download.label.zh)}</a></p>`
    : '';
  return `<details>
<summary>${escapeHtml(example.title.en)} · <span lang="zh-CN">${escapeHtml(example.title.zh)}</span></summary>
<p>${escapeHtml(example.description.en)}</p>
<p lang="zh-CN">${escapeHtml(example.description.zh)}</p>
<pre>${escapeHtml(example.query)}</pre>${variables}${headers}${download}
</details>`;
}

function explorerPage(assets: Record<'react' | 'reactDom' | 'graphiql' | 'graphiqlStyle' | 'script' | 'style', Asset>): string {
  const examples = EXAMPLE_LIST.map(browserExample);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政府信息公开目录 · Government disclosure catalogue — GraphQL explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets.graphiqlStyle.url}">
<link rel="stylesheet" href="${assets.style.url}">
</head>
<body>
<div id="explorer">
<noscript>
<div class="explorer-noscript">
<h1>政府信息公开目录 · Government disclosure catalogue</h1>
<p>The explorer needs JavaScript. Without it, send these queries with <code>POST graphql</code> (JSON body <code>{"query", "variables"}</code>).</p>
<p lang="zh-CN">查询界面需要启用 JavaScript。也可以用 <code>POST graphql</code> 直接发送以下查询。</p>
${examples.map(noscriptExample).join('\n')}
</div>
</noscript>
</div>
<script type="application/json" id="explorer-examples">${scriptJson(examples)}</script>
<script src="${assets.react.url}"></script>
<script src="${assets.reactDom.url}"></script>
<script src="${assets.graphiql.url}"></script>
<script src="${assets.script.url}"></script>
</body>
</html>
`;
}

/**
 * The explorer for people at `/`: GraphiQL on the gateway's GraphQL endpoint with the ready
 * examples of gateway/portal/examples.ts, every file served by the gateway itself under /explorer/assets/.
 */
export function explorerRouter(): Router {
  const assets = {
    react: packageAsset('react', 'umd/react.production.min.js', JAVASCRIPT),
    reactDom: packageAsset('react-dom', 'umd/react-dom.production.min.js', JAVASCRIPT),
    graphiql: packageAsset('graphiql', 'graphiql.min.js', JAVASCRIPT),
    graphiqlStyle: packageAsset('graphiql', 'graphiql.min.css', CSS),
    script: asset('explorer.js', JAVASCRIPT, EXPLORER_SCRIPT),
    style: asset('explorer.css', CSS, EXPLORER_STYLE),
  };
  const page = explorerPage(assets);

  const router = Router();
  router.get('/', (_req, res) => {
    res
      .set({ 'Cache-Control': 'no-cache', 'Content-Security-Policy': PAGE_POLICY, 'X-Content-Type-Options': 'nosniff' })
      .type('text/html; charset=utf-8')
      .send(page);
  });
  for (const { url, contentType, body } of Object.values(assets)) {
    router.get(url, (_req, res) => {
      res.set({ 'Cache-Control': IMMUTABLE, 'X-Content-Type-Options': 'nosniff' }).type(contentType).send(body);
    });
  }
  return router;
}
