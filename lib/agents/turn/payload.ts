// Turns a specialist's plan into the document public.complete_agent_turn saves: every write's content_json parsed
// with the design contract's schema for its type (a broken shape never reaches the database), and the project rows
// each version owns (a BOM's parts, a wiring's connections by BOM line ref, a code version's files).
import {
  contentSchemaByType,
  type ArtifactWrite,
  type Bom,
  type CodeArtifact,
  type TurnIntent,
  type TurnPlan,
  type Wiring,
} from '../design/contract';
import { agents } from '../registry';

export type TurnUsage = { input: number; output: number; cacheRead: number; cacheWrite: number };
export type TurnRoute = { intent: TurnIntent; agent: TurnPlan['agent']; reason: string; modelPath: boolean };

export class InvalidArtifactError extends Error {
  constructor(
    readonly type: ArtifactWrite['type'],
    readonly issues: string,
  ) {
    super(`the ${type} the agent wrote does not match its shape: ${issues}`);
  }
}

const phaseByIntent: Partial<Record<TurnIntent, 'ideation' | 'parts' | 'assembly' | 'code'>> = {
  BOM: 'parts',
  BUDGET: 'parts',
  WIRING: 'assembly',
  CODE: 'code',
};

export function partRows(bom: Bom) {
  return bom.lines.map((line) => ({
    name: line.name,
    part_number: line.mpn,
    manufacturer: line.manufacturer,
    quantity: line.quantity,
    voltage: line.voltage,
    current: line.currentMa ? `${line.currentMa.typical} mA (peak ${line.currentMa.peak} mA)` : null,
    interface_type: line.interface,
    price: line.unitPrice?.amount ?? null,
    supplier: line.supplier,
    supplier_url: line.url,
    // `ref` is how a wiring names this part: complete_agent_turn resolves connection ends through it.
    specs: {
      ref: line.ref,
      catalogueKey: line.catalogueKey,
      role: line.role,
      currency: line.unitPrice?.currency ?? null,
      supplierPartNumber: line.supplierPartNumber,
      verified: line.verified,
      source: line.source,
    },
    alternatives: line.alternatives,
    compatibility_warnings: line.warnings.map((w) => w.message),
  }));
}

export function connectionRows(wiring: Wiring) {
  return wiring.connections.map((c) => ({
    sequence_number: c.sequence,
    from_ref: c.from.ref,
    from_pin: c.from.pin,
    from_pin_type: c.from.pinType,
    to_ref: c.to.ref,
    to_pin: c.to.pin,
    to_pin_type: c.to.pinType,
    voltage: c.voltage,
    signal_type: c.signalType,
    wire_color: c.wireColor,
    warnings: c.warnings.map((w) => w.message),
  }));
}

export function codeFileRows(code: CodeArtifact) {
  return code.files.map((f) => ({
    filename: f.filename,
    language: f.language,
    platform: f.platform,
    content: f.content,
    unit_number: f.unit,
    required_libraries: f.requiredLibraries,
    is_production_ready: f.isProductionReady,
  }));
}

function writeDocument(write: ArtifactWrite) {
  const parsed = contentSchemaByType[write.type].safeParse(write.contentJson);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidArtifactError(write.type, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const json = parsed.data;
  return {
    type: write.type,
    title: write.title,
    base: write.base,
    content: write.content,
    contentJson: json,
    changeSummary: write.changeSummary,
    parts: write.type === 'bom' ? partRows(json as Bom) : [],
    connections: write.type === 'wiring' ? connectionRows(json as Wiring) : [],
    codeFiles: write.type === 'code' ? codeFileRows(json as CodeArtifact) : [],
  };
}

export function buildTurnDocument({
  plan,
  content,
  model,
  usage,
  route,
  goal,
}: {
  plan: TurnPlan;
  content: string;
  model: string;
  usage: TurnUsage;
  route: TurnRoute;
  goal: string;
}) {
  const writes = plan.question ? [] : plan.writes.map(writeDocument);
  const budget = plan.writes.find((w) => w.type === 'context')?.contentJson as { budget?: unknown } | undefined;
  return {
    content,
    agent: { name: plan.agent, model, icon: agents[plan.agent].icon },
    intent: plan.intent,
    usage,
    route,
    phase: writes.length > 0 ? (phaseByIntent[plan.intent] ?? null) : null,
    project: { name: plan.projectName, goal: goal.slice(0, 5000), budget: budget?.budget ?? null },
    writes,
    stale: plan.question ? [] : plan.stale,
  };
}
