// Finding URLs in built files. JavaScript is parsed (TypeScript's parser) so that only text the
// program can use — string, template and regex literals — counts: a URL in a comment can never
// be fetched. Other text files are scanned whole. Pure: text in, occurrences out.
import ts from 'typescript';

export interface UrlOccurrence {
  readonly url: string;
  /** 1-based line in the file. */
  readonly line: number;
}

export interface UrlScan {
  readonly urls: readonly UrlOccurrence[];
  /** Set when the JavaScript could not be parsed and the whole text (comments too) was scanned. */
  readonly parseProblem: string | null;
}

/**
 * A scheme that reaches another machine followed by an authority. A bare `https://` (a form
 * placeholder, a sentence) names no host and is not an endpoint.
 */
const URL_PATTERN = /\b(?:https?|wss?|ftp):\/\/[^\s"'`<>\\]+/gi;

const SOURCE_MAP_COMMENT = /(?:\/\/|\/\*)[#@]\s*source(?:Mapping)?URL=(\S+)/g;

/** Placeholder left where a template literal substitutes an expression. */
export const TEMPLATE_HOLE = '⟨expr⟩';

export function findUrlsInText(text: string): UrlOccurrence[] {
  const found: UrlOccurrence[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const line = 1 + countNewlines(text, match.index);
    found.push({ url: trimTrailingPunctuation(match[0]), line });
  }
  return found;
}

export function findUrlsInJavaScript(fileName: string, text: string): UrlScan {
  // JSDoc left unparsed: comments do not matter here, and parsing them costs most of the time.
  const source = ts.createSourceFile(fileName, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, ts.ScriptKind.JS);
  const diagnostics = (source as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (diagnostics.length > 0) {
    const first = diagnostics[0]!;
    const where = first.start === undefined ? '' : ` at line ${source.getLineAndCharacterOfPosition(first.start).line + 1}`;
    return { urls: findUrlsInText(text), parseProblem: `${ts.flattenDiagnosticMessageText(first.messageText, ' ')}${where}` };
  }
  const urls: UrlOccurrence[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isRegularExpressionLiteral(node)) {
      urls.push(...findUrlsInText(node.text).map((u) => ({ ...u, line: lineOf(node) })));
      return;
    }
    if (ts.isTemplateExpression(node)) {
      // Joined with a visible hole so `https://${host}/x` is still seen as a URL with a host.
      const joined = node.head.text + node.templateSpans.map((span) => TEMPLATE_HOLE + span.literal.text).join('');
      urls.push(...findUrlsInText(joined).map((u) => ({ ...u, line: lineOf(node) })));
      for (const span of node.templateSpans) visit(span.expression);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  // The one kind of comment that is fetched: DevTools loads a source map or source URL from it.
  for (const match of text.matchAll(SOURCE_MAP_COMMENT)) {
    const line = 1 + countNewlines(text, match.index);
    urls.push(...findUrlsInText(match[1]!).map((u) => ({ ...u, line })));
  }
  return { urls, parseProblem: null };
}

/** Prose often ends a URL with a full stop or a bracket that is not part of it. */
function trimTrailingPunctuation(url: string): string {
  let trimmed = url;
  for (;;) {
    const last = trimmed.at(-1);
    if (last !== undefined && '.,;:!?)}'.includes(last)) trimmed = trimmed.slice(0, -1);
    else if (last === ']' && !trimmed.includes('[')) trimmed = trimmed.slice(0, -1);
    else return trimmed;
  }
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** CDN and web-font hosts: the renderer must bundle what it uses, never fetch it. */
const CDN_HOST_PATTERN =
  /\b(?:[a-z0-9-]+\.)*(?:unpkg\.com|jsdelivr\.(?:net|com)|cdnjs\.cloudflare\.com|cdnjs\.com|fonts\.googleapis\.com|fonts\.gstatic\.com|ajax\.googleapis\.com|[a-z0-9-]*fastly[a-z0-9-]*\.(?:net|com)|code\.jquery\.com|cdn\.skypack\.dev|esm\.sh|esm\.run)\b/gi;

/** Every CDN host named anywhere in the text, comments included (no allow-list applies). */
export function findCdnHosts(text: string): UrlOccurrence[] {
  return [...text.matchAll(CDN_HOST_PATTERN)].map((match) => ({ url: match[0], line: 1 + countNewlines(text, match.index) }));
}
