/**
 * Replies the sandbox's handlers return, and RFC 9457 problem documents with a stable `code`.
 */

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Default `application/json`; problems use `application/problem+json`. */
  readonly contentType?: string;
}

export interface ProblemInput {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors?: readonly { path: string; message: string }[];
  readonly headers?: Record<string, string>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problem(input: ProblemInput): Reply {
  return {
    status: input.status,
    contentType: PROBLEM_CONTENT_TYPE,
    ...(input.headers ? { headers: input.headers } : {}),
    body: {
      type: `https://hall-kiosk.invalid/problems/${input.code}`,
      title: input.title,
      status: input.status,
      code: input.code,
      ...(input.detail ? { detail: input.detail } : {}),
      ...(input.errors && input.errors.length > 0 ? { errors: input.errors } : {}),
    },
  };
}

export const notFound = (what: string): Reply =>
  problem({ status: 404, code: 'not-found', title: `${what} not found` });

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, ...(headers ? { headers } : {}) };
}
