// The shape of a benchmark workload. Each file in bench/workloads/ exports `workloads: Workload[]`.
export type BenchContext = {
  apiUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  publishableKey: string;
  secretKey: string;
  dbUrl: string;
  adminDbUrl: string;
};

export type MeasuredRow = {
  name: string;
  p50?: number;
  p95?: number;
  p99?: number;
  throughput?: number;
  note?: string;
};

type Op<S> = (ctx: BenchContext, state: S) => Promise<unknown>;

export type Workload<S = any> = {
  name: string;
  /** Concurrent callers of `run` (default 1). */
  concurrency?: number;
  /** Upper bounds of the timed phase (defaults: 2000 operations or 3 s). */
  iterations?: number;
  seconds?: number;
  setup?: (ctx: BenchContext) => Promise<S>;
  run?: Op<S>;
  /** The same work done a reference way in the same process (for example, the SQL run directly). */
  baseline?: { name: string; run: Op<S> };
  teardown?: (ctx: BenchContext, state: S) => Promise<void>;
  /** Left out of `npm run bench` without names (the scale dataset takes long to build the first time). */
  onlyWhenNamed?: boolean;
  /** For figures that are not one operation's latency: the workload measures and reports its own rows. */
  measure?: (ctx: BenchContext) => Promise<{ rows: MeasuredRow[] }>;
};
