/**
 * kubeward's public library API: everything the CLI does is available here.
 *
 * @example
 * ```ts
 * import { scan } from 'kubeward';
 * const result = await scan(['k8s/']);
 * for (const f of result.findings) console.log(f.location.file, f.location.line, f.ruleId, f.message);
 * ```
 * @module
 */
export {
  scan,
  scanLoaded,
  findConfigFile,
  loadConfigFile,
  loadBaselineFile,
  selectedConfig,
  pssPlan,
  loadModel,
  scanCluster,
  type LoadModelOptions,
  type LoadModelResult,
  type PssPlanOptions,
  type PssPlanResult,
  type ScanOptions,
  type ScanResult,
  type LocatedFinding,
  type Location,
} from './scan.js';
export { buildClusterModel, buildModelIndex } from './model/build.js';
// live clusters and snapshots (load/cluster/)
export {
  readCluster,
  type ClusterRead,
  type NotVisible,
  type ReadClusterOptions,
} from './load/cluster/read.js';
export { parseSnapshot, readSnapshotFile, renderSnapshot, SNAPSHOT_API_VERSION } from './load/cluster/snapshot.js';
export { scannerRbac } from './load/cluster/rbacForScanner.js';
export { ClusterModelIndex } from './model/modelIndex.js';
export type * from './model/clusterModel.js';
export { loadInputs, type LoadOptions, type LoadResult } from './load/files.js';
export type { HelmOptions } from './load/render.js';
export { parseManifestText } from './load/parse.js';
export type { InputError as InputIssue } from './load/inputError.js';
export { Inventory, type Workload } from './k8s/inventory.js';
export { podTemplateOf, containersOf, WORKLOAD_KINDS } from './k8s/podSpec.js';
export { effectiveSecurityContext } from './k8s/securityContext.js';
export { compileLabelSelector, selectorMatches } from './k8s/selector.js';
export type { Resource, ResourceRef, SourceRef } from './k8s/resource.js';
export { evaluate, activeRules, type EvaluateOptions } from './policy/evaluate.js';
export { parseConfig, DEFAULT_CONFIG, type KubewardConfig } from './policy/config.js';
export { BUILTIN_RULES, ruleById } from './policy/registry.js';
export {
  parseBaseline,
  renderBaseline,
  applyBaseline,
  findingKey,
  findingsToBaseline,
  type Baseline,
} from './policy/baseline.js';
export {
  FRAMEWORKS,
  controlsOf,
  controlIndex,
  controlResults,
  type CheckedResource,
  type Framework,
  type ControlResult,
} from './policy/frameworks.js';
export {
  applyRuleSelection,
  parseFramework,
  parseSeverity,
  unknownRuleMessage,
  type RuleSelection,
} from './policy/ruleSelection.js';
export {
  scanVerdict,
  nothingScanned,
  parseSeverityFlag,
  DEFAULT_FAIL_ON,
  type FailOn,
  type ScanVerdict,
} from './policy/verdict.js';
export { defineRule, defineWorkloadRule } from './policy/types.js';
export type {
  Rule,
  Finding,
  Severity,
  RuleMeta,
  Report,
  RuleContext,
  WorkloadRule,
  WorkloadRuleContext,
} from './policy/types.js';
export { evaluatePodSecurity } from './pss/evaluate.js';
export { parsePolicyVersion } from './pss/version.js';
export {
  planPodSecurity,
  planJson,
  labelStatus,
  type PssPlan,
  type NamespacePlan,
  type LabelStatus,
  type LineOf,
} from './pss/plan.js';
export { renderJson } from './report/json.js';
export { renderText } from './report/text.js';
export { renderSarif } from './report/sarif.js';
export { renderJunit } from './report/junit.js';
export { renderMarkdown } from './report/markdown.js';
export {
  renderScan,
  renderScanChunks,
  SCAN_FORMATS,
  type ScanFormat,
  type RenderScanOptions,
} from './report/formats.js';
export { TOOL_INFO, packageVersion } from './report/toolInfo.js';
export type { ToolInfo } from './report/summary.js';
export { renderPssPlanText, renderPssPlanMarkdown } from './report/pssPlan.js';
export {
  ruleJson,
  controlListJson,
  renderRuleDoc,
  renderRuleList,
  renderRuleTable,
  renderControlList,
} from './report/ruleDocs.js';
export { readNamedFile, type NamedFileRole } from './load/errno.js';
export { UsageError, ConfigError, InputError } from './errors.js';
export { buildAttackGraph, type BuiltGraph, type GraphOptions } from './graph/build.js';
export { AttackGraph } from './graph/attackGraph.js';
export {
  attackPaths,
  blastRadius,
  type BlastRadius,
  type PathOptions,
  type ReachedAsset,
} from './graph/queries.js';
export { exposureOf, type ChokePoint, type Exposure } from './graph/exposure.js';
export { applyChanges } from './graph/applyChanges.js';
export { resolveRef, type RefScope, type Resolved } from './graph/workloadRef.js';
export {
  TECHNIQUES,
  assetText,
  type Asset,
  type AttackPath,
  type Hop,
  type TechniqueId,
} from './graph/types.js';
// The admission webhook (kubeward serve / review / install)
export {
  AdmissionDecider,
  OBJECT_SCOPED_RULES,
  type Decision,
  type DecideOptions,
} from './admission/decide.js';
export { AdmissionHandler, type HttpAnswer, type Endpoint } from './admission/handler.js';
export { parseReview, type AdmissionRequest, type AdmissionResponse } from './admission/protocol.js';
export { parseServerConfig, DEFAULT_SERVER_CONFIG, type ServerConfig } from './admission/serverConfig.js';
export { StaticNamespaceCache, namespacesFromText, type NamespaceCache } from './admission/namespaceCache.js';
export { loadAdmission } from './admission/setup.js';
export { startServer, type RunningServer, type ServeOptions } from './admission/server.js';
export { securePatch, applyPatch, type PatchOperation } from './admission/securePatch.js';
export { installManifests, renderInstall, type InstallOptions } from './admission/install.js';
export { generateWebhookCertificates } from './admission/certificates.js';
