import { describe, expect, it } from 'vitest';
import {
  admissionReview,
  DEPLOYMENT_KIND,
  DEPLOYMENTS,
  deployment,
  pod,
  POD_KIND,
  PODS,
  RESTRICTED_CONTAINER,
  type ReviewInput,
} from '../../test/admissionReviews.js';
import { DEFAULT_CONFIG } from '../policy/config.js';
import { defineRule, type Rule } from '../policy/types.js';
import { AdmissionDecider, OBJECT_SCOPED_RULES } from './decide.js';
import { AdmissionHandler, type Endpoint } from './handler.js';
import { StaticNamespaceCache } from './namespaceCache.js';
import { applyPatch, type PatchOperation } from './securePatch.js';
import { DEFAULT_SERVER_CONFIG, type ServerConfig } from './serverConfig.js';

const NAMESPACES = new StaticNamespaceCache(
  new Map<string, Record<string, string>>([
    ['shop', {}],
    ['strict', { 'kubeward.io/enforce': 'restricted' }],
    ['warn-only', { 'kubeward.io/enforce': 'privileged', 'kubeward.io/warn': 'baseline' }],
    ['typo', { 'kubeward.io/enforce': 'strict', 'kubeward.io/enforce-version': 'v1.x' }],
    ['old', { 'kubeward.io/enforce': 'restricted', 'kubeward.io/enforce-version': 'v1.24' }],
    ['patched', { 'kubeward.io/mutate': 'true' }],
  ]),
);

function handler(config: Partial<ServerConfig> = {}, rules?: readonly Rule[]): AdmissionHandler {
  return new AdmissionHandler(
    new AdmissionDecider({
      config: { ...DEFAULT_SERVER_CONFIG, ...config },
      policy: DEFAULT_CONFIG,
      namespaces: NAMESPACES,
      ...(rules !== undefined ? { rules } : {}),
      now: () => new Date('2026-12-01T00:00:00Z'),
    }),
  );
}

interface Answer {
  status: number;
  response: {
    uid: string;
    allowed: boolean;
    status?: { code: number; message: string };
    warnings?: string[];
    auditAnnotations?: Record<string, string>;
    patch?: string;
    patchType?: string;
  };
  error?: string;
}

function review(input: ReviewInput, h = handler(), endpoint: Endpoint = 'validate'): Answer {
  const answer = h.handle(endpoint, JSON.stringify(admissionReview(input)));
  const body = JSON.parse(answer.body) as {
    response: Answer['response'];
    apiVersion: string;
    error?: string;
  };
  if (answer.status === 200) expect(body.apiVersion).toBe('admission.k8s.io/v1');
  return {
    status: answer.status,
    response: body.response,
    ...(body.error !== undefined ? { error: body.error } : {}),
  };
}

const privileged = { privileged: true };
const podCreate = (o: Parameters<typeof pod>[0] = {}, extra: Partial<ReviewInput> = {}): ReviewInput => ({
  kind: POD_KIND,
  resource: PODS,
  name: o.name ?? 'web',
  namespace: o.namespace ?? 'shop',
  object: pod(o),
  ...extra,
});

const RESTRICTED_WARNINGS = [
  'would violate PodSecurity "restricted:latest":',
  'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)',
  'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"])',
  'runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)',
  'seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
];

describe('validate: Pod Security per mode', () => {
  it('denies a privileged Pod under the default enforce baseline:latest, in PSA wording, without warnings', () => {
    const a = review(podCreate({ securityContext: privileged }));
    expect(a.response.uid).toBe('705ab4f5-6393-11e8-b7cc-42010a800002');
    expect(a.response.allowed).toBe(false);
    expect(a.response.status).toEqual({
      code: 403,
      reason: 'Forbidden',
      message:
        'pods "web" is forbidden: violates PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)',
    });
    expect(a.response.warnings).toBeUndefined();
    expect(a.response.auditAnnotations?.['enforce-policy']).toBe('baseline:latest');
    expect(a.response.auditAnnotations?.['audit-violations']).toMatch(
      /^would violate PodSecurity "restricted:latest": privileged \(container "app" must not set securityContext.privileged=true\), allowPrivilegeEscalation != false/,
    );
  });

  it('allows a baseline Pod and warns about restricted:latest, each warning at most 120 characters', () => {
    const a = review(podCreate());
    expect(a.response.allowed).toBe(true);
    expect(a.response.warnings).toEqual(RESTRICTED_WARNINGS);
    for (const w of a.response.warnings ?? []) expect(w.length).toBeLessThanOrEqual(120);
  });

  it('allows a restricted Pod with no warnings and no audit violations', () => {
    const a = review(podCreate({ securityContext: RESTRICTED_CONTAINER }));
    expect(a.response).toEqual({
      uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
      allowed: true,
      auditAnnotations: {
        'enforce-policy': 'baseline:latest',
        findings: 'read-only-root-fs,default-sa-used',
      },
    });
  });

  it('enforces the namespace label kubeward.io/enforce=restricted', () => {
    const a = review(podCreate({ namespace: 'strict' }));
    expect(a.response.allowed).toBe(false);
    expect(a.response.status?.message).toBe(
      'pods "web" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
  });

  it('a pinned enforce-version applies that version and is named in the message', () => {
    const a = review(
      podCreate({ namespace: 'old', securityContext: { ...RESTRICTED_CONTAINER, capabilities: {} } }),
    );
    expect(a.response.status?.message).toBe(
      'pods "web" is forbidden: violates PodSecurity "restricted:v1.24": unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"])',
    );
  });

  it('reads an unparseable level as restricted and version as latest, as PSA, and says so in an annotation', () => {
    const a = review(podCreate({ namespace: 'typo', securityContext: RESTRICTED_CONTAINER }));
    expect(a.response.allowed).toBe(true);
    expect(a.response.auditAnnotations?.['enforce-policy']).toBe('restricted:latest');
    expect(a.response.auditAnnotations?.['label-fallback']).toBe(
      'enforce level "strict" read as restricted; enforce-version "v1.x" read as latest',
    );
  });

  it('an unparseable warn level fails open (privileged), as PSA reads warn and audit', () => {
    const labels = { 'kubeward.io/warn': 'strictest' };
    const cache = new StaticNamespaceCache(new Map([['w', labels]]));
    const decider = new AdmissionDecider({
      config: DEFAULT_SERVER_CONFIG,
      policy: DEFAULT_CONFIG,
      namespaces: cache,
    });
    const a = review(podCreate({ namespace: 'w', securityContext: {} }), new AdmissionHandler(decider));
    expect(a.response.allowed).toBe(true);
    expect(a.response.warnings).toBeUndefined();
    expect(a.response.auditAnnotations?.['label-fallback']).toBe('warn level "strictest" read as privileged');
  });

  describe('Namespace labels, validated as Pod Security Admission validates its own', () => {
    const NAMESPACE_KIND = { group: '', version: 'v1', kind: 'Namespace' };
    const NAMESPACES_RESOURCE = { group: '', version: 'v1', resource: 'namespaces' };
    const ns = (labels: Record<string, string>) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-a', labels },
    });
    const ask = (
      operation: 'CREATE' | 'UPDATE',
      labels: Record<string, string>,
      old?: Record<string, string>,
    ) =>
      review({
        kind: NAMESPACE_KIND,
        resource: NAMESPACES_RESOURCE,
        name: 'team-a',
        namespace: '',
        operation,
        object: ns(labels),
        ...(old !== undefined ? { oldObject: ns(old) } : {}),
      }).response;

    it('CREATE with an unparseable level is refused with 422, in apimachinery wording', () => {
      expect(ask('CREATE', { 'kubeward.io/enforce': 'strict' })).toEqual({
        uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
        allowed: false,
        status: {
          code: 422,
          reason: 'Invalid',
          message:
            'Namespace "team-a" is invalid: metadata.labels[kubeward.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted',
        },
      });
    });

    it('several bad labels are listed in PSA order (enforce, audit, warn; level, then version)', () => {
      const r = ask('CREATE', {
        'kubeward.io/warn': 'loud',
        'kubeward.io/audit-version': '1.30',
        'kubeward.io/enforce-version': 'v2.0',
      });
      expect(r.status?.message).toBe(
        'Namespace "team-a" is invalid: [metadata.labels[kubeward.io/enforce-version]: Invalid value: "v2.0": must be "latest" or "v1.x", ' +
          'metadata.labels[kubeward.io/audit-version]: Invalid value: "1.30": must be "latest" or "v1.x", ' +
          'metadata.labels[kubeward.io/warn]: Invalid value: "loud": must be one of privileged, baseline, restricted]',
      );
    });

    it('valid labels, and an UPDATE keeping the same bad labels, are allowed; a new bad label on UPDATE is not', () => {
      expect(
        ask('CREATE', { 'kubeward.io/enforce': 'restricted', 'kubeward.io/enforce-version': 'v1.30' })
          .allowed,
      ).toBe(true);
      const bad = { 'kubeward.io/enforce': 'strict' };
      expect(ask('UPDATE', { ...bad, team: 'a' }, bad).allowed).toBe(true);
      expect(ask('UPDATE', { 'kubeward.io/enforce': 'strictest' }, bad).status?.code).toBe(422);
      expect(ask('UPDATE', bad, { 'kubeward.io/enforce': 'baseline' }).status?.code).toBe(422);
    });
  });

  it('a warn-only namespace allows a privileged Pod and warns with the baseline reasons', () => {
    const a = review(podCreate({ namespace: 'warn-only', securityContext: privileged }));
    expect(a.response.allowed).toBe(true);
    expect(a.response.warnings).toEqual([
      'would violate PodSecurity "baseline:latest":',
      'privileged (container "app" must not set securityContext.privileged=true)',
    ]);
    expect(a.response.auditAnnotations?.['enforce-policy']).toBe('privileged:latest');
  });

  it('enforces the pod template of a Deployment (not only Pods), with field names of the template', () => {
    const a = review({
      kind: DEPLOYMENT_KIND,
      resource: DEPLOYMENTS,
      name: 'web',
      namespace: 'shop',
      object: deployment({ securityContext: privileged }),
    });
    expect(a.response.status?.message).toBe(
      'deployments "web" is forbidden: violates PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)',
    );
  });
});

describe('validate: operations, subresources, exemptions', () => {
  it('DELETE with a null object is allowed without evaluation', () => {
    const a = review({
      kind: POD_KIND,
      resource: PODS,
      name: 'web',
      namespace: 'shop',
      operation: 'DELETE',
      object: null,
      oldObject: pod({ securityContext: privileged }),
    });
    expect(a.response).toEqual({ uid: '705ab4f5-6393-11e8-b7cc-42010a800002', allowed: true });
  });

  it('CONNECT (exec) and the ignored pod subresources are allowed; ephemeralcontainers is evaluated', () => {
    const exec = review({
      kind: { group: '', version: 'v1', kind: 'PodExecOptions' },
      resource: PODS,
      subResource: 'exec',
      name: 'web',
      namespace: 'shop',
      operation: 'CONNECT',
      object: { kind: 'PodExecOptions', apiVersion: 'v1', command: ['sh'] },
    });
    expect(exec.response.allowed).toBe(true);
    expect(exec.response.auditAnnotations).toBeUndefined();
    const status = review({
      ...podCreate({ securityContext: privileged }),
      subResource: 'status',
      operation: 'UPDATE',
      oldObject: pod(),
    });
    expect(status.response).toEqual({ uid: '705ab4f5-6393-11e8-b7cc-42010a800002', allowed: true });
    const old = pod();
    const withDebug = pod();
    (withDebug.spec as { ephemeralContainers?: unknown[] }).ephemeralContainers = [
      {
        name: 'debugger',
        image: 'busybox:1.36',
        securityContext: { privileged: true },
        targetContainerName: 'app',
      },
    ];
    const eph = review({
      kind: POD_KIND,
      resource: PODS,
      subResource: 'ephemeralcontainers',
      name: 'web',
      namespace: 'shop',
      operation: 'UPDATE',
      object: withDebug,
      oldObject: old,
    });
    expect(eph.response.allowed).toBe(false);
    expect(eph.response.status?.message).toBe(
      'pods "web" is forbidden: violates PodSecurity "baseline:latest": privileged (container "debugger" must not set securityContext.privileged=true)',
    );
  });

  it('an UPDATE that only relabels a violating Pod is allowed (isSignificantPodUpdate); an image change is evaluated', () => {
    const old = pod({ securityContext: privileged });
    const relabelled = pod({ securityContext: privileged });
    (relabelled.metadata as { labels: Record<string, string> }).labels.tier = 'front';
    expect(
      review({ ...podCreate(), operation: 'UPDATE', object: relabelled, oldObject: old }).response.allowed,
    ).toBe(true);
    const newImage = pod({ securityContext: privileged, image: 'registry.example.com/shop/web:1.4.3' });
    expect(
      review({ ...podCreate(), operation: 'UPDATE', object: newImage, oldObject: old }).response.allowed,
    ).toBe(false);
  });

  it('a Deployment UPDATE that leaves the template as it was is allowed; one changing it is evaluated', () => {
    const old = deployment({ securityContext: privileged });
    const scaled = { ...old, spec: { ...(old.spec as object), replicas: 5 } };
    const base = {
      kind: DEPLOYMENT_KIND,
      resource: DEPLOYMENTS,
      name: 'web',
      namespace: 'shop',
      operation: 'UPDATE' as const,
    };
    expect(review({ ...base, object: scaled, oldObject: old }).response.allowed).toBe(true);
    expect(
      review({
        ...base,
        object: deployment({ securityContext: privileged, image: 'x:2' }),
        oldObject: deployment(),
      }).response.allowed,
    ).toBe(false);
  });

  it('exempt namespace, user and runtimeClass are allowed with the exempt audit annotation', () => {
    const h = handler({
      exemptions: { namespaces: ['shop'], usernames: ['ci-bot'], runtimeClasses: ['gvisor'] },
    });
    expect(review(podCreate({ securityContext: privileged }), h).response.auditAnnotations).toEqual({
      exempt: 'namespace',
    });
    const strict = podCreate({ namespace: 'strict', securityContext: privileged });
    expect(review({ ...strict, username: 'ci-bot' }, h).response.auditAnnotations).toEqual({
      exempt: 'user',
    });
    expect(
      review(podCreate({ namespace: 'strict', securityContext: privileged, runtimeClassName: 'gvisor' }), h)
        .response,
    ).toEqual({
      uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
      allowed: true,
      auditAnnotations: { exempt: 'runtimeClass' },
    });
  });

  it('a dry-run request gets the same answer', () => {
    const a = review(podCreate({ securityContext: privileged }, { dryRun: true }));
    expect(a.response.allowed).toBe(false);
  });
});

describe('validate: catalog rules and failures', () => {
  it('denyOn and warnOn turn catalog findings into denials and warnings', () => {
    const a = review(
      podCreate({ securityContext: RESTRICTED_CONTAINER }),
      handler({ denyOn: 'critical', warnOn: 'low' }),
    );
    expect(a.response.allowed).toBe(true);
    expect(a.response.warnings).toEqual([
      'kubeward read-only-root-fs: container "app" has a writable root filesystem (readOnlyRootFilesystem is not set)',
      'kubeward default-sa-used: pod spec sets serviceAccountName: default, so its pods run as ServiceAccount shop/default',
    ]);
    const d = review(
      podCreate({ securityContext: { ...RESTRICTED_CONTAINER, privileged: true } }),
      handler({
        denyOn: 'critical',
        defaults: {
          ...DEFAULT_SERVER_CONFIG.defaults,
          enforce: { ...DEFAULT_SERVER_CONFIG.defaults.enforce, level: 'privileged' },
        },
      }),
    );
    expect(d.response.status?.message).toMatch(
      /^pods "web" is forbidden: violates kubeward rules: privileged-container \(/,
    );
  });

  const throwing: Rule = defineRule({
    ...OBJECT_SCOPED_RULES[0]!,
    id: 'always-throws',
    targets: ['workload'],
    check: () => {
      throw new Error('boom');
    },
  });

  it('a rule that throws is skipped with a warning under failurePolicy Ignore', () => {
    const a = review(podCreate({ securityContext: RESTRICTED_CONTAINER }), handler({}, [throwing]));
    expect(a.response.allowed).toBe(true);
    expect(a.response.warnings).toEqual(['kubeward skipped rule always-throws: it failed (boom)']);
    expect(a.response.auditAnnotations?.['rule-errors']).toBe('always-throws');
  });

  it('a rule that throws denies with 500 under its own failurePolicy Fail', () => {
    const a = review(
      podCreate({ securityContext: RESTRICTED_CONTAINER }),
      handler({ ruleFailurePolicy: { 'always-throws': 'Fail' } }, [throwing]),
    );
    expect(a.response.allowed).toBe(false);
    expect(a.response.status).toEqual({
      code: 500,
      reason: 'InternalError',
      message:
        'pods "web" is forbidden: kubeward could not evaluate rule always-throws (boom); its failurePolicy Fail denies the request',
    });
  });

  it('past the deadline the failure mode answers, with a warning', () => {
    const slow: Rule = {
      ...throwing,
      id: 'slow',
      check: () => {
        const end = Date.now() + 30;
        while (Date.now() < end);
        return [];
      },
    };
    const a = review(podCreate(), handler({ deadlineMs: 10 }, [slow]));
    expect(a.response.allowed).toBe(true);
    expect(a.response.warnings?.[0]).toMatch(
      /^kubeward did not decide within its 10 ms deadline \(\d+ ms\); allowed by failurePolicy Ignore$/,
    );
    const f = review(podCreate(), handler({ deadlineMs: 10, failurePolicy: 'Fail' }, [slow]));
    expect(f.response.allowed).toBe(false);
    expect(f.response.status?.code).toBe(500);
  });
});

describe('bad bodies are 400s with a message', () => {
  const h = handler();
  it.each([
    ['{not json', /^malformed JSON: /],
    ['[]', /^not an AdmissionReview: the body must be a JSON object/],
    ['{"kind":"Pod","apiVersion":"v1"}', /^not an AdmissionReview: kind must be AdmissionReview, not "Pod"$/],
    [
      '{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v2"}',
      /apiVersion must be admission.k8s.io\/v1 or admission.k8s.io\/v1beta1, not "admission.k8s.io\/v2"$/,
    ],
    ['{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1"}', /request is missing/],
    [
      '{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u"}}',
      /request.kind must be/,
    ],
  ])('%s', (body, message) => {
    const a = h.handle('validate', body);
    expect(a.status).toBe(400);
    expect(a.error).toMatch(message);
  });
});

describe('mutate', () => {
  const decode = (patch: string | undefined): PatchOperation[] =>
    JSON.parse(Buffer.from(patch ?? 'W10=', 'base64').toString()) as PatchOperation[];
  const h = handler();

  it('patches secure defaults in a namespace labelled kubeward.io/mutate=true, and the result re-reviews to no patch', () => {
    const input = podCreate({
      namespace: 'patched',
      securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } },
    });
    const a = review(input, h, 'mutate');
    const ops = decode(a.response.patch);
    expect(a.response.patchType).toBe('JSONPatch');
    expect(ops).toEqual([
      { op: 'add', path: '/spec/securityContext', value: { seccompProfile: { type: 'RuntimeDefault' } } },
      { op: 'add', path: '/spec/containers/0/securityContext/allowPrivilegeEscalation', value: false },
      { op: 'add', path: '/spec/containers/0/securityContext/capabilities/drop', value: ['ALL'] },
    ]);
    const patched = applyPatch(input.object, ops) as Record<string, unknown>;
    const again = review({ ...input, object: patched }, h, 'mutate');
    expect(again.response.patch).toBeUndefined();
    // and the patched pod passes what the patch is for
    const v = review({ ...input, object: patched }, h);
    expect(v.response.warnings).toEqual([RESTRICTED_WARNINGS[0], RESTRICTED_WARNINGS[3]]);
  });

  it('patches Deployment templates; never allowPrivilegeEscalation=false on a privileged container', () => {
    const a = review(
      {
        kind: DEPLOYMENT_KIND,
        resource: DEPLOYMENTS,
        name: 'web',
        namespace: 'patched',
        object: deployment({ securityContext: { privileged: true } }),
      },
      h,
      'mutate',
    );
    expect(decode(a.response.patch)).toEqual([
      {
        op: 'add',
        path: '/spec/template/spec/securityContext',
        value: { seccompProfile: { type: 'RuntimeDefault' } },
      },
    ]);
  });

  it('leaves namespaces that did not opt in, Pod UPDATEs and explicit choices alone', () => {
    expect(review(podCreate(), h, 'mutate').response).toEqual({
      uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
      allowed: true,
    });
    expect(
      review({ ...podCreate({ namespace: 'patched' }), operation: 'UPDATE', oldObject: pod() }, h, 'mutate')
        .response.patch,
    ).toBeUndefined();
    const explicit = podCreate({
      namespace: 'patched',
      podSecurityContext: { seccompProfile: { type: 'Unconfined' } },
      securityContext: { allowPrivilegeEscalation: true, capabilities: { drop: ['NET_RAW'] } },
    });
    expect(decode(review(explicit, h, 'mutate').response.patch)).toEqual([
      { op: 'add', path: '/spec/containers/0/securityContext/capabilities/drop/-', value: 'ALL' },
    ]);
  });
});
