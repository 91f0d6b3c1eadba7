/**
 * Pair pruning for the full matrix: the classes that may reach a destination class,
 * from **both** sides at once. A connection needs the egress side of the source and the
 * ingress side of the destination (reference/netpol.md §1.7), so a source is a
 * candidate only when the destination's ingress rules can admit it (`possibleSources`)
 * and its own egress can admit the destination: it is not isolated for egress, an admin
 * tier constrains it (then only `side` can tell), one of its egress rules admits every
 * pod, or one of its egress rules names the destination's class.
 *
 * The last case is a reverse index built once: for each egress rule (its peer match is
 * shared by every class the rule applies to), the classes it names get the rule's owners
 * as admitters. Without it, a destination admitting a pod selector across all namespaces
 * (`namespaceSelector: {}` + `podSelector`) was checked against thousands of sources
 * whose egress never leaves their namespace — 45 M class pairs for 50k workloads, nearly
 * all empty. Candidates are a superset of the sources with some allowed connection;
 * `Reachability.between` still decides each pair.
 */
import type { PeerMatch } from './peers.js';
import type { PodClass } from './podClasses.js';
import type { Reachability } from './reachability.js';

export class CandidateSources {
  /** Sources whose egress may reach any class. */
  private readonly open: readonly PodClass[];
  private readonly isOpen: Uint8Array;
  /** Per destination class id: the sources whose egress rules name it (may repeat). */
  private readonly admitters: readonly (readonly number[] | undefined)[];
  private readonly seen: Int32Array;
  private mark = 0;

  constructor(private readonly reachability: Reachability) {
    const classes = reachability.index.classes;
    this.isOpen = new Uint8Array(classes.length);
    this.seen = new Int32Array(classes.length);
    const owners = new Map<PeerMatch, number[]>();
    for (const cls of classes) {
      const grants = reachability.policiesOf[cls.id]!.egress;
      const adminTiers =
        reachability.adminOf[cls.id]!.egress.length > 0 || reachability.baselineOf[cls.id]!.egress.length > 0;
      if (grants === undefined || adminTiers || grants.some((g) => g.peers.classes === 'all')) {
        this.isOpen[cls.id] = 1;
        continue;
      }
      for (const g of grants) {
        const list = owners.get(g.peers);
        if (list === undefined) owners.set(g.peers, [cls.id]);
        else if (list[list.length - 1] !== cls.id) list.push(cls.id);
      }
    }
    this.open = classes.filter((c) => this.isOpen[c.id] === 1);
    const admitters: number[][] = [];
    for (const [peers, ids] of owners) {
      if (peers.classes === 'all') continue;
      for (const dst of peers.classes) {
        const list = admitters[dst];
        if (list === undefined) admitters[dst] = [...ids];
        else for (const id of ids) list.push(id);
      }
    }
    this.admitters = admitters;
  }

  /** The classes that may have some allowed connection to `dst` (each once, in no particular order). */
  of(dst: PodClass): PodClass[] {
    const classes = this.reachability.index.classes;
    const ingress = this.reachability.possibleSources(dst);
    const named = this.admitters[dst.id] ?? [];
    const mark = ++this.mark;
    if (ingress.length === classes.length) {
      // Every class passes the ingress side: the egress side alone prunes.
      const out = [...this.open];
      for (const id of named) {
        if (this.isOpen[id] === 1 || this.seen[id] === mark) continue;
        this.seen[id] = mark;
        out.push(classes[id]!);
      }
      return out;
    }
    for (const id of named) this.seen[id] = mark;
    return ingress.filter((src) => this.isOpen[src.id] === 1 || this.seen[src.id] === mark);
  }
}
