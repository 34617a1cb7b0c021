// Electron hardening facts read from our TypeScript sources with the TypeScript parser, so that
// formatting, aliases and comments cannot fool them the way a regex could. Pure: sources in.
import ts from 'typescript';
import { type CheckResult, fail, pass, verdict } from './check-result';

export interface SourceFile {
  /** Repository-relative, forward slashes. */
  readonly name: string;
  readonly text: string;
}

export const REQUIRED_WEB_PREFERENCES: Readonly<Record<string, boolean>> = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  webSecurity: true,
};

const WINDOW_CLASSES = new Set(['BrowserWindow', 'BrowserView', 'WebContentsView']);

interface Parsed {
  readonly file: SourceFile;
  readonly source: ts.SourceFile;
  /** Local names bound by `import { x as y } from 'electron'`: imported name → local names. */
  readonly electronNames: ReadonlyMap<string, readonly string[]>;
  /** Local names of `import * as e from 'electron'` / `import e from 'electron'`. */
  readonly electronNamespaces: readonly string[];
}

export function parseSources(files: readonly SourceFile[]): Parsed[] {
  return files.map((file) => {
    const source = ts.createSourceFile(file.name, file.text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, ts.ScriptKind.TS);
    const electronNames = new Map<string, string[]>();
    const electronNamespaces: string[] = [];
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      if (statement.moduleSpecifier.text !== 'electron' || !statement.importClause) continue;
      const clause = statement.importClause;
      if (clause.name) electronNamespaces.push(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) electronNamespaces.push(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          const imported = (element.propertyName ?? element.name).text;
          electronNames.set(imported, [...(electronNames.get(imported) ?? []), element.name.text]);
        }
      }
    }
    return { file, source, electronNames, electronNamespaces };
  });
}

/** `app` (imported from electron) or `electron.app` — does this expression name that export? */
function namesElectronExport(parsed: Parsed, expression: ts.Expression, exportName: string): boolean {
  if (ts.isIdentifier(expression)) return (parsed.electronNames.get(exportName) ?? []).includes(expression.text);
  return (
    ts.isPropertyAccessExpression(expression) &&
    expression.name.text === exportName &&
    ts.isIdentifier(expression.expression) &&
    parsed.electronNamespaces.includes(expression.expression.text)
  );
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

function where(parsed: Parsed, node: ts.Node): string {
  return `${parsed.file.name}:${parsed.source.getLineAndCharacterOfPosition(node.getStart(parsed.source)).line + 1}`;
}

/** `app.enableSandbox()` as a top-level statement of the main entry, i.e. before 'ready'. */
export function checkEnableSandbox(files: readonly SourceFile[], mainEntry: string, id = 'electron.enable-sandbox'): CheckResult {
  const entry = parseSources(files).find((p) => p.file.name === mainEntry);
  if (!entry) return fail(id, `main entry ${mainEntry} not found`);
  const call = entry.source.statements.find(
    (statement) =>
      ts.isExpressionStatement(statement) &&
      ts.isCallExpression(statement.expression) &&
      statement.expression.arguments.length === 0 &&
      ts.isPropertyAccessExpression(statement.expression.expression) &&
      statement.expression.expression.name.text === 'enableSandbox' &&
      namesElectronExport(entry, statement.expression.expression.expression, 'app'),
  );
  return call
    ? pass(id, `app.enableSandbox() runs at the top level of ${where(entry, call)}, before the app is ready`)
    : fail(id, `no top-level app.enableSandbox() in ${mainEntry}: every renderer must be sandboxed, including ones created later`);
}

/** Every window's webPreferences writes out sandbox, contextIsolation, nodeIntegration and webSecurity. */
export function checkWebPreferences(files: readonly SourceFile[]): CheckResult {
  const id = 'electron.webpreferences-explicit';
  const problems: string[] = [];
  let windows = 0;
  for (const parsed of parseSources(files)) {
    walk(parsed.source, (node) => {
      if (!ts.isNewExpression(node)) return;
      const className = [...WINDOW_CLASSES].find((name) => namesElectronExport(parsed, node.expression, name));
      if (!className) return;
      windows++;
      const at = `${where(parsed, node)} new ${className}`;
      const options = node.arguments?.[0];
      if (!options || !ts.isObjectLiteralExpression(options)) return problems.push(`${at}: options are not an object literal, so they cannot be verified`);
      const webPreferences = lastProperty(options, 'webPreferences');
      if (webPreferences === 'spread-after') return problems.push(`${at}: a spread after webPreferences may replace it`);
      if (!webPreferences || !ts.isObjectLiteralExpression(webPreferences)) return problems.push(`${at}: no webPreferences object literal`);
      for (const [key, expected] of Object.entries(REQUIRED_WEB_PREFERENCES)) {
        const value = lastProperty(webPreferences, key);
        if (value === 'spread-after') problems.push(`${at}: a spread after ${key} may override it`);
        else if (!value) problems.push(`${at}: ${key} is not set (write ${key}: ${expected})`);
        else if (value.kind !== (expected ? ts.SyntaxKind.TrueKeyword : ts.SyntaxKind.FalseKeyword)) problems.push(`${at}: ${key} is ${value.getText(parsed.source)}, must be the literal ${expected}`);
      }
    });
  }
  if (windows === 0) return fail(id, 'no new BrowserWindow/BrowserView/WebContentsView found in the Electron sources');
  return verdict(id, problems, `${windows} window construction(s), each with sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true`, 'webPreferences not set explicitly');
}

/** The initializer of the last `key:` property, or 'spread-after' when a later spread may override it. */
function lastProperty(object: ts.ObjectLiteralExpression, key: string): ts.Expression | 'spread-after' | undefined {
  let found: ts.Expression | undefined;
  let spreadAfter = false;
  for (const property of object.properties) {
    if (ts.isSpreadAssignment(property)) {
      if (found) spreadAfter = true;
      continue;
    }
    const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
    if (name !== key) continue;
    spreadAfter = false;
    if (ts.isPropertyAssignment(property)) found = property.initializer;
    else if (ts.isShorthandPropertyAssignment(property)) found = property.name;
  }
  return spreadAfter ? 'spread-after' : found;
}

/** A kiosk opens nothing outside itself (convention 9). */
export function checkNoOpenExternal(files: readonly SourceFile[]): CheckResult {
  const problems: string[] = [];
  for (const parsed of parseSources(files)) {
    walk(parsed.source, (node) => {
      const named =
        (ts.isPropertyAccessExpression(node) && node.name.text === 'openExternal') ||
        (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === 'openExternal') ||
        (ts.isBindingElement(node) && (node.propertyName ?? node.name).getText(parsed.source) === 'openExternal') ||
        (ts.isImportSpecifier(node) && (node.propertyName ?? node.name).text === 'openExternal');
      if (named) problems.push(`${where(parsed, node)}: ${node.getText(parsed.source)}`);
    });
  }
  return verdict('electron.no-open-external', problems, `no openExternal in ${files.length} main/preload/host source files`, 'shell.openExternal would let a kiosk hand a URL to the desktop');
}

/**
 * The preload keeps ipcRenderer on its side of the bridge (convention 4): it may only be called,
 * as `ipcRenderer.method(...)` inside a function. Any other use — passing, returning, storing,
 * spreading it, or taking one of its methods unbound — could hand it to the page; so could a
 * subscription that passes on the IPC event object.
 */
export function checkPreloadBridge(preloadFiles: readonly SourceFile[]): CheckResult {
  const id = 'electron.preload-no-ipcrenderer';
  const problems: string[] = [];
  let exposures = 0;
  for (const parsed of parseSources(preloadFiles)) {
    const locals = new Set(parsed.electronNames.get('ipcRenderer') ?? []);
    walk(parsed.source, (node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ['exposeInMainWorld', 'exposeInIsolatedWorld'].includes(node.expression.name.text)) {
        if (namesElectronExport(parsed, node.expression.expression, 'contextBridge')) exposures++;
      }
      const isIpcRenderer =
        (ts.isIdentifier(node) && locals.has(node.text) && !isDeclarationName(node)) ||
        (ts.isPropertyAccessExpression(node) && node.name.text === 'ipcRenderer' && ts.isIdentifier(node.expression) && parsed.electronNamespaces.includes(node.expression.text));
      if (!isIpcRenderer) return;
      if (!isCalledMethodInsideFunction(node)) problems.push(`${where(parsed, node)}: ${node.parent.getText(parsed.source).slice(0, 100)}`);
      else {
        const leak = eventObjectLeak(node.parent.parent as ts.CallExpression, parsed.source);
        if (leak) problems.push(`${where(parsed, node)}: ${leak}`);
      }
    });
  }
  if (exposures === 0) return fail(id, 'no contextBridge.exposeInMainWorld in the preload sources');
  return verdict(id, problems, `${exposures} contextBridge exposure(s); ipcRenderer is only ever called inside wrapper functions`, 'ipcRenderer used other than as a call inside a wrapper');
}

const SUBSCRIBE_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/**
 * A listener given to ipcRenderer.on receives the IPC event first, whose `sender` is ipcRenderer
 * itself. The listener must be written inline and must not touch that first parameter, so only
 * the payload can reach the page's callback.
 */
function eventObjectLeak(call: ts.CallExpression, source: ts.SourceFile): string | null {
  const method = (call.expression as ts.PropertyAccessExpression).name.text;
  if (!SUBSCRIBE_METHODS.has(method)) return null;
  const listener = call.arguments[1];
  if (!listener) return null;
  if (!ts.isArrowFunction(listener) && !ts.isFunctionExpression(listener)) return `ipcRenderer.${method} is given ${listener.getText(source).slice(0, 40)}, which would receive the IPC event`;
  const event = listener.parameters[0]?.name;
  if (!event) return null;
  if (!ts.isIdentifier(event)) return `ipcRenderer.${method} listener destructures the IPC event`;
  let used = false;
  walk(listener.body, (inner) => {
    if (ts.isIdentifier(inner) && inner.text === event.text && !isDeclarationName(inner)) used = true;
  });
  return used ? `ipcRenderer.${method} listener uses the IPC event (${event.text}); pass on the payload only` : null;
}

/** Names that are not a use of the binding: the import itself, `x.ipcRenderer`, `{ ipcRenderer: … }`, types. */
function isDeclarationName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    ts.isImportSpecifier(parent) ||
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isPropertyAssignment(parent) && parent.name === node) ||
    ts.isTypeQueryNode(parent) ||
    ts.isQualifiedName(parent)
  );
}

function isCalledMethodInsideFunction(node: ts.Node): boolean {
  const access = node.parent;
  if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== node) return false;
  const call = access.parent;
  if (!call || !ts.isCallExpression(call) || call.expression !== access) return false;
  for (let up: ts.Node | undefined = call.parent; up; up = up.parent) if (ts.isFunctionLike(up)) return true;
  return false;
}

/** Switches that turn off the sandbox or web security for the whole app. */
const INSECURE_SWITCHES = new Set(['no-sandbox', 'disable-web-security', 'ignore-certificate-errors', 'allow-running-insecure-content', 'disable-site-isolation-trials', 'remote-debugging-port', 'inspect', 'js-flags']);

export function checkNoInsecureSwitches(files: readonly SourceFile[]): CheckResult {
  const problems: string[] = [];
  for (const parsed of parseSources(files)) {
    walk(parsed.source, (node) => {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      if (!['appendSwitch', 'appendArgument'].includes(node.expression.name.text)) return;
      const first = node.arguments[0];
      const value = first && ts.isStringLiteralLike(first) ? first.text.replace(/^--/, '') : null;
      if (value === null) problems.push(`${where(parsed, node)}: a computed command-line switch cannot be verified`);
      else if (INSECURE_SWITCHES.has(value.split('=')[0]!)) problems.push(`${where(parsed, node)}: --${value}`);
    });
  }
  return verdict('electron.no-insecure-switches', problems, 'no Chromium switch disables the sandbox, web security or certificate checks', 'insecure Chromium switches');
}
