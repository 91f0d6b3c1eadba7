import { describe, expect, it } from 'vitest';
import { ruleTests } from '../../../../test/ruleTester.js';
import { sysctlDotted, unsafeSysctls } from './unsafe-sysctls.js';

describe('sysctlDotted', () => {
  it('swaps separators only when the first one is a slash', () => {
    expect(sysctlDotted('net/ipv4/tcp_syncookies')).toBe('net.ipv4.tcp_syncookies');
    expect(sysctlDotted('net/ipv4/conf/eno2.100/rp_filter')).toBe('net.ipv4.conf.eno2/100.rp_filter');
    expect(sysctlDotted('net.ipv4.conf.eno2/100.rp_filter')).toBe('net.ipv4.conf.eno2/100.rp_filter');
    expect(sysctlDotted('kernel')).toBe('kernel');
  });
});

ruleTests(unsafeSysctls, {
  valid: [
    {
      name: 'safe sysctls of every PSS version, dotted and slashed',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    sysctls:
    - {name: kernel.shm_rmid_forced, value: "1"}
    - {name: net/ipv4/ip_local_port_range, value: "1024 65535"}
    - {name: net.ipv4.ip_local_reserved_ports, value: "8080"}
    - {name: net.ipv4.tcp_keepalive_time, value: "600"}
    - {name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}
    - {name: net.ipv4.tcp_notsent_lowat, value: "16384"}
  containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'sysctls written as a map does not crash; Windows pods are exempt',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    sysctls: {kernel.msgmax: "65536"}
  containers: [{name: app, image: nginx:1.27}]
---
apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  securityContext:
    sysctls: [{name: kernel.msgmax, value: "65536"}]
  containers: [{name: app, image: mcr.microsoft.com/windows/nanoserver:ltsc2022}]
`,
    },
  ],
  invalid: [
    {
      name: 'node-wide and namespaced-but-unsafe sysctls in a Deployment',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext:
        sysctls:
        - {name: net.ipv4.tcp_syncookies, value: "1"}
        - {name: net.core.somaxconn, value: "1024"}
        - {name: kernel/randomize_va_space, value: "0"}
      containers: [{name: app, image: nginx:1.27}]
`,
      findings: [
        {
          path: 'spec.template.spec.securityContext.sysctls[1].name',
          message: 'pod sets sysctl net.core.somaxconn, outside the safe set',
        },
        {
          path: 'spec.template.spec.securityContext.sysctls[2].name',
          message:
            'pod sets sysctl kernel.randomize_va_space (written kernel/randomize_va_space), outside the safe set',
        },
      ],
    },
    {
      name: 'names are case-sensitive, in a CronJob',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext:
            sysctls: [{name: Kernel.shm_rmid_forced, value: "1"}]
          containers: [{name: app, image: busybox:1.36}]
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.securityContext.sysctls[0].name',
          message: 'pod sets sysctl Kernel.shm_rmid_forced, outside the safe set',
        },
      ],
    },
  ],
});
