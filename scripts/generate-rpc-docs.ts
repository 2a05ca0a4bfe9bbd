/**
 * Writes docs/rpc-methods.md from the contract: every method and event with its roles, its
 * one-line summary and the fields of its params and payload. `npm run docs:rpc` writes it;
 * `--check` (part of `npm test`) fails when the committed file no longer matches the contract.
 */
import { z } from 'zod';
import { events, methods } from '../electron/contract/index.js';
import { writeOrCheck } from './generated-file.js';

const TARGET = new URL('../docs/rpc-methods.md', import.meta.url);

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
}

/** A compact one-line rendering of a schema's top-level fields. */
function fields(schema: z.ZodType): string {
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return '(not representable)';
  }
  return describe(json);
}

function describe(json: JsonSchema): string {
  if (json.properties) {
    const keys = Object.keys(json.properties);
    if (keys.length === 0) return '{}';
    const required = new Set(json.required ?? []);
    return `{ ${keys.map((k) => `${k}${required.has(k) ? '' : '?'}: ${typeName(json.properties![k]!)}`).join(', ')} }`;
  }
  return typeName(json);
}

function typeName(json: JsonSchema): string {
  if (json.enum) return json.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (json.const !== undefined) return JSON.stringify(json.const);
  const variants = json.anyOf ?? json.oneOf;
  if (variants) return variants.map(typeName).join(' \\| ');
  if (json.type === 'array') {
    const item = json.items ? typeName(json.items) : 'unknown';
    return item.includes('|') ? `(${item})[]` : `${item}[]`;
  }
  if (json.type === 'object') return json.properties ? 'object' : 'record';
  if (Array.isArray(json.type)) return json.type.join(' \\| ');
  return json.type ?? 'unknown';
}

export function rpcMethodsMarkdown(): string {
  const lines = [
    '# Contract methods and events',
    '',
    'Generated from `electron/contract/` by `npm run docs:rpc`; `npm test` fails when it is stale.',
    'The wire format, handshake and error codes are in `docs/rpc.md`.',
    '',
    '## Methods',
    '',
    '| method | roles | summary | params |',
    '| --- | --- | --- | --- |',
  ];
  for (const [name, spec] of Object.entries(methods).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(
      `| \`${name}\` | ${spec.roles.join(', ')} | ${spec.summary.replace(/\|/g, '\\|')} | \`${fields(spec.params)}\` |`,
    );
  }
  lines.push('', '## Events', '', '| event | roles | summary |', '| --- | --- | --- |');
  for (const [name, spec] of Object.entries(events).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(
      `| \`${name}\` | ${spec.roles.join(', ')} | ${spec.summary.replace(/\|/g, '\\|')} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

writeOrCheck(TARGET, rpcMethodsMarkdown(), 'npm run docs:rpc');
