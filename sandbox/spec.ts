/**
 * The OpenAPI document as the sandbox's router and validator: requests are matched to an
 * operation by the spec's paths, and bodies, query parameters and (in tests) responses are
 * checked against the spec's schemas with Ajv (JSON Schema 2020-12, which OpenAPI 3.1 uses).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

export const SPEC_FILE = new URL('./openapi.yaml', import.meta.url);
const SPEC_ID = 'https://hall-kiosk.invalid/openapi.yaml';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head'] as const;

type Json = Record<string, unknown>;

export interface OperationInfo {
  readonly operationId: string;
  readonly method: string;
  readonly pathTemplate: string;
  /** False for the few unsigned operations (health, permit keys). */
  readonly signed: boolean;
  readonly requestContentTypes: readonly string[];
  readonly hasIdempotencyKey: boolean;
}

export interface OperationMatch {
  readonly operation: OperationInfo;
  readonly pathParams: Record<string, string>;
}

/** The path names an operation, but one of its path parameters cannot be percent-decoded. */
export interface BadEscapeMatch {
  readonly operation: OperationInfo;
  /** The first parameter (by name, as in the spec's template) with a malformed escape. */
  readonly badEscape: string;
}

export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

interface CompiledOperation extends OperationInfo {
  readonly pattern: RegExp;
  readonly paramNames: readonly string[];
  readonly pointer: string;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function toProblems(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
  return (errors ?? []).map((e) => ({
    path: e.instancePath === '' ? '/' : e.instancePath,
    message:
      e.keyword === 'additionalProperties'
        ? `unknown property "${String(e.params['additionalProperty'])}"`
        : (e.message ?? e.keyword),
  }));
}

export class ApiSpec {
  readonly document: Json;
  private readonly operations: CompiledOperation[] = [];
  /** Responses: checked as they are. */
  private readonly ajv: Ajv2020;
  /** Request bodies: defaults filled in, no type coercion. */
  private readonly bodyAjv: Ajv2020;
  /** Query and path parameters arrive as text: coerced, defaults filled in. */
  private readonly coercingAjv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(file: URL | string = SPEC_FILE) {
    this.document = parseYaml(readFileSync(file, 'utf8')) as Json;
    const makeAjv = (coerceTypes: boolean, useDefaults: boolean): Ajv2020 => {
      const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes, useDefaults });
      addFormats(ajv);
      ajv.addSchema({ ...this.document, $id: SPEC_ID });
      return ajv;
    };
    this.ajv = makeAjv(false, false);
    this.bodyAjv = makeAjv(false, true);
    this.coercingAjv = makeAjv(true, true);
    this.compileOperations();
  }

  private compileOperations(): void {
    const paths = (this.document['paths'] ?? {}) as Record<string, Json>;
    const globalSecurity = this.document['security'] as unknown[] | undefined;
    for (const [template, item] of Object.entries(paths)) {
      const paramNames: string[] = [];
      const pattern = new RegExp(
        '^' +
          template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, name) => {
            paramNames.push(String(name));
            return '([^/]+)';
          }) +
          '$',
      );
      for (const method of HTTP_METHODS) {
        const op = item[method] as Json | undefined;
        if (!op) continue;
        const security = (op['security'] as unknown[] | undefined) ?? globalSecurity ?? [];
        const body = op['requestBody'] as Json | undefined;
        const parameters = (op['parameters'] ?? []) as Json[];
        this.operations.push({
          operationId: String(op['operationId']),
          method: method.toUpperCase(),
          pathTemplate: template,
          signed: security.length > 0,
          requestContentTypes: body ? Object.keys((body['content'] ?? {}) as Json) : [],
          hasIdempotencyKey: parameters.some(
            (p) => p['$ref'] === '#/components/parameters/IdempotencyKey',
          ),
          pattern,
          paramNames,
          pointer: `#/paths/${escapePointer(template)}/${method}`,
        });
      }
    }
  }

  get operationList(): readonly OperationInfo[] {
    return this.operations;
  }

  /**
   * The operation for a method and path, or why there is none (404 vs 405). A path parameter
   * that is no valid percent-encoded UTF-8 (`%zz`, a cut-off sequence such as `%E0%A4%A`)
   * comes back as a BadEscapeMatch naming it: the client's error (400), not the server's.
   */
  match(
    method: string,
    pathname: string,
  ): OperationMatch | BadEscapeMatch | 'no-path' | 'no-method' {
    let pathSeen = false;
    for (const op of this.operations) {
      const m = op.pattern.exec(pathname);
      if (!m) continue;
      pathSeen = true;
      if (op.method !== method.toUpperCase()) continue;
      const pathParams: Record<string, string> = {};
      for (const [i, name] of op.paramNames.entries()) {
        const decoded = decodePathSegment(m[i + 1]!);
        if (decoded === undefined) return { operation: op, badEscape: name };
        pathParams[name] = decoded;
      }
      return { operation: op, pathParams };
    }
    return pathSeen ? 'no-method' : 'no-path';
  }

  private compiled(id: string): CompiledOperation {
    const op = this.operations.find((o) => o.operationId === id);
    if (!op) throw new Error(`no operation ${id} in the spec`);
    return op;
  }

  private validator(pointer: string, mode: 'response' | 'body' = 'response'): ValidateFunction {
    const key = `${mode}${pointer}`;
    let fn = this.cache.get(key);
    if (!fn) {
      fn = (mode === 'body' ? this.bodyAjv : this.ajv).compile({ $ref: `${SPEC_ID}${pointer}` });
      this.cache.set(key, fn);
    }
    return fn;
  }

  /** Validates a value against `#/components/schemas/<name>`. */
  validateSchema(name: string, value: unknown): SchemaProblem[] {
    const fn = this.validator(`#/components/schemas/${escapePointer(name)}`);
    return fn(value) ? [] : toProblems(fn.errors);
  }

  /** Validates a JSON request body of an operation, filling in the spec's defaults. */
  validateRequestBody(operationId: string, contentType: string, body: unknown): SchemaProblem[] {
    const op = this.compiled(operationId);
    const fn = this.validator(
      `${op.pointer}/requestBody/content/${escapePointer(contentType)}/schema`,
      'body',
    );
    return fn(body) ? [] : toProblems(fn.errors);
  }

  /**
   * Checks and coerces query and path parameters (strings to integers where the spec says
   * so) and fills defaults. Returns the coerced values or the problems.
   */
  validateParameters(
    operationId: string,
    where: 'query' | 'path',
    values: Record<string, string>,
  ): { values: Record<string, unknown>; problems: SchemaProblem[] } {
    const op = this.compiled(operationId);
    const opJson = this.resolvePointer(op.pointer) as Json;
    const properties: Record<string, unknown> = {};
    const required: string[] = [];
    for (const raw of (opJson['parameters'] ?? []) as Json[]) {
      const param = (raw['$ref'] ? this.resolvePointer(String(raw['$ref'])) : raw) as Json;
      if (param['in'] !== where) continue;
      const name = String(param['name']);
      properties[name] = param['schema'] ?? {};
      if (param['required'] === true) required.push(name);
    }
    const copy: Record<string, unknown> = { ...values };
    const key = `params:${operationId}:${where}`;
    let fn = this.cache.get(key);
    if (!fn) {
      const schema = {
        type: 'object',
        properties,
        required,
        additionalProperties: where === 'path',
      };
      fn = this.coercingAjv.compile(
        JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#/g, `"$ref":"${SPEC_ID}#`)) as object,
      );
      this.cache.set(key, fn);
    }
    const valid = fn(copy);
    return { values: copy, problems: valid ? [] : toProblems(fn.errors) };
  }

  /**
   * Validates a response against the spec: the status must be documented for the operation
   * and a body must match that status's schema. Returns problems (empty when it conforms).
   */
  validateResponse(
    operationId: string,
    status: number,
    contentType: string | undefined,
    body: unknown,
  ): SchemaProblem[] {
    const op = this.compiled(operationId);
    const responses = (this.resolvePointer(op.pointer) as Json)['responses'] as Json;
    const key = String(status) in responses ? String(status) : 'default';
    const raw = responses[key] as Json | undefined;
    if (!raw) return [{ path: '/', message: `status ${status} is not documented` }];
    const responsePointer = raw['$ref']
      ? String(raw['$ref'])
      : `${op.pointer}/responses/${escapePointer(key)}`;
    const response = this.resolvePointer(responsePointer) as Json;
    const content = response['content'] as Json | undefined;
    if (!content) {
      return body === undefined
        ? []
        : [{ path: '/', message: `status ${status} documents no body` }];
    }
    const mediaType = (contentType ?? '').split(';')[0]!.trim();
    if (!(mediaType in content)) {
      return [{ path: '/', message: `content type "${mediaType}" not documented for ${status}` }];
    }
    const fn = this.validator(`${responsePointer}/content/${escapePointer(mediaType)}/schema`);
    return fn(body) ? [] : toProblems(fn.errors);
  }

  resolvePointer(pointer: string): unknown {
    const segments = pointer.replace(/^#\//, '').split('/');
    let node: unknown = this.document;
    for (const s of segments) {
      const key = s.replace(/~1/g, '/').replace(/~0/g, '~');
      node = (node as Json | undefined)?.[key];
    }
    return node;
  }
}

let shared: ApiSpec | undefined;

/** The spec, parsed and compiled once per process. */
export function apiSpec(): ApiSpec {
  shared ??= new ApiSpec();
  return shared;
}

/** decodeURIComponent without the URIError: undefined for a malformed escape. */
function decodePathSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}
