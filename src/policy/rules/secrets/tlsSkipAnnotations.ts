/**
 * Annotations of well-known injectors and controllers that turn off TLS verification, each
 * with the value that does it and where the project documents it. Values compare
 * case-insensitively after trimming, as the controllers parse them.
 */
export interface TlsSkipAnnotation {
  readonly key: string;
  /** The values that turn verification off. */
  readonly values: readonly string[];
  /** What is then not verified, for the message. */
  readonly effect: string;
  /** `pod` for annotations read from the pod template, `object` for the object's own. */
  readonly on: 'pod' | 'object';
  readonly source: string;
}

export const TLS_SKIP_ANNOTATIONS: readonly TlsSkipAnnotation[] = [
  {
    key: 'vault.hashicorp.com/tls-skip-verify',
    values: ['true', '1', 't'],
    effect:
      "the Vault agent does not verify the Vault server's certificate, so secrets are fetched from whoever answers",
    on: 'pod',
    // vault-k8s agent-inject/agent/annotations.go, AnnotationVaultTLSSkipVerify (parsed with strconv.ParseBool)
    source:
      'https://developer.hashicorp.com/vault/docs/platform/k8s/injector/annotations#vault-hashicorp-com-tls-skip-verify',
  },
  {
    key: 'nginx.ingress.kubernetes.io/proxy-ssl-verify',
    values: ['off'],
    effect: "ingress-nginx does not verify the backend's certificate on the proxied HTTPS connection",
    on: 'object',
    source:
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#backend-certificate-authentication',
  },
  {
    key: 'nginx.ingress.kubernetes.io/auth-tls-verify-client',
    values: ['optional_no_ca'],
    effect: 'ingress-nginx asks for a client certificate but does not verify it against the CA',
    on: 'object',
    source:
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#client-certificate-authentication',
  },
  {
    key: 'konghq.com/tls-verify',
    values: ['false'],
    effect: "Kong does not verify the upstream service's certificate",
    on: 'object',
    source:
      'https://docs.konghq.com/kubernetes-ingress-controller/latest/reference/annotations/#konghqcomtls-verify',
  },
];
