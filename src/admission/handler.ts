/**
 * Body in, HTTP answer out: the one code path of `kubeward serve` and `kubeward review`.
 * Malformed JSON or a body that is not an AdmissionReview is a 400 with a message; past the
 * internal deadline the configured failure mode answers, with a warning saying so.
 */
import { performance } from 'node:perf_hooks';
import type { AdmissionDecider } from './decide.js';
import { shortWarning, type Decision } from './decide.js';
import { mutateDecision } from './mutate.js';
import { parseReview, reviewResponse, type AdmissionRequest } from './protocol.js';
import type { FailureMode } from './serverConfig.js';

export type Endpoint = 'validate' | 'mutate';

export interface HttpAnswer {
  readonly status: number;
  /** JSON text: an AdmissionReview, or `{error}` for a 4xx. */
  readonly body: string;
  readonly request?: AdmissionRequest;
  readonly decision?: Decision;
  /** For a 4xx: what was wrong. */
  readonly error?: string;
}

export function errorAnswer(status: number, error: string): HttpAnswer {
  return { status, body: JSON.stringify({ error }), error };
}

/** The failure mode's answer when kubeward cannot decide in time. */
export function deadlineDecision(
  uid: string,
  mode: FailureMode,
  elapsedMs: number,
  deadlineMs: number,
): Decision {
  const why = `kubeward did not decide within its ${deadlineMs} ms deadline (${Math.round(elapsedMs)} ms)`;
  return {
    response:
      mode === 'Fail'
        ? {
            uid,
            allowed: false,
            status: {
              code: 500,
              reason: 'InternalError',
              message: `${why}; failurePolicy Fail denies the request`,
            },
          }
        : {
            uid,
            allowed: true,
            warnings: [shortWarning(`${why}; allowed by failurePolicy Ignore`)],
            auditAnnotations: { 'deadline-exceeded': 'true' },
          },
    verdict: mode === 'Fail' ? 'deny' : 'warn',
    rules: [],
    ruleErrors: [],
    failureMode: mode,
  };
}

export class AdmissionHandler {
  constructor(readonly decider: AdmissionDecider) {}

  /**
   * Answers one body. `startedAt` (performance.now() when the request arrived) measures the
   * deadline; evaluation is synchronous, so it is checked once the decision is made.
   */
  handle(endpoint: Endpoint, body: string, startedAt = performance.now()): HttpAnswer {
    let decoded: unknown;
    try {
      decoded = JSON.parse(body);
    } catch (e) {
      return errorAnswer(400, `malformed JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    const review = parseReview(decoded);
    if ('error' in review) return errorAnswer(400, `not an AdmissionReview: ${review.error}`);
    const { request } = review;
    let decision =
      endpoint === 'validate' ? this.decider.decide(request) : mutateDecision(this.decider, request);
    const elapsed = performance.now() - startedAt;
    const { deadlineMs } = this.decider.config;
    if (elapsed > deadlineMs) {
      const mode = this.decider.config.failurePolicy;
      decision = {
        ...deadlineDecision(request.uid, mode, elapsed, deadlineMs),
        ruleErrors: decision.ruleErrors,
      };
    }
    return {
      status: 200,
      body: JSON.stringify(reviewResponse(review.apiVersion, decision.response)),
      request,
      decision,
    };
  }
}
