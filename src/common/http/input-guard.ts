import type { NextFunction, Request, Response } from 'express';
import type { FieldProblem } from '../errors/domain-error';
import { send } from './json-body';

/** Deeper than any request the API takes (an import item's sections are 3 levels down). */
export const MAX_JSON_DEPTH = 32;

/** Keys that name an object's machinery (prototype pollution; class-transformer crashes on them). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor']);

/**
 * What PostgreSQL and the validators must never see: NUL characters (PostgreSQL text cannot hold
 * them), lone UTF-16 surrogates (they would be stored as U+FFFD, silently changing the text), the
 * keys `__proto__` and `constructor`, and JSON nested deeper than any request needs (the validators
 * recurse). Walks iteratively, so a pathological body cannot exhaust the stack here either.
 */
export function findUnsafeInput(value: unknown, root: string, maxDepth = MAX_JSON_DEPTH): FieldProblem | null {
  const stack: [unknown, string, number][] = [[value, root, 0]];
  while (stack.length > 0) {
    const [current, field, depth] = stack.pop()!;
    if (typeof current === 'string') {
      const problem = unsafeText(current, field);
      if (problem) return problem;
    } else if (current !== null && typeof current === 'object') {
      if (depth >= maxDepth) return { field, code: 'TOO_DEEP', message: `is nested deeper than ${maxDepth} levels` };
      for (const [key, child] of Object.entries(current)) {
        const path = field ? `${field}.${key}` : key;
        if (FORBIDDEN_KEYS.has(key)) return { field: path, code: 'FORBIDDEN_KEY', message: `${key} is not a field` };
        const keyProblem = unsafeText(key, path);
        if (keyProblem) return keyProblem;
        stack.push([child, path, depth + 1]);
      }
    }
  }
  return null;
}

function unsafeText(text: string, field: string): FieldProblem | null {
  if (text.includes('\u0000')) return { field, code: 'NUL_CHARACTER', message: 'contains a NUL character' };
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed())
    return { field, code: 'INVALID_UNICODE', message: 'contains a lone UTF-16 surrogate' };
  return null;
}

/** 400 for a path, query or JSON body that holds what `findUnsafeInput` refuses, or a path that is not valid UTF-8. */
export function rejectUnsafeInput(req: Request, res: Response, next: NextFunction): void {
  const segments: string[] = [];
  for (const raw of req.path.split('/')) {
    try {
      segments.push(decodeURIComponent(raw));
    } catch {
      return send(req, res, 400, 'MALFORMED_URL', 'The URL is not validly percent-encoded UTF-8');
    }
  }
  const problem =
    findUnsafeInput(segments, 'path') ??
    findUnsafeInput(req.query, 'query') ??
    (req.body !== undefined ? findUnsafeInput(req.body, '') : null);
  if (problem) return send(req, res, 400, 'VALIDATION_FAILED', 'The request is not valid', [problem]);
  next();
}
