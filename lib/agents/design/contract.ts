// The contract between the design engine (catalogue, rules and offline specialists: pure functions, no I/O, in
// lib/agents/design/ and lib/agents/catalogue/) and the turn runner (orchestrator, model path, database writes and
// the chat UI). Every artifact version's content_json is one of these shapes and is parsed with these schemas before
// it is saved, whoever wrote it: an offline specialist, a model, or the maker.
import { z } from 'zod';

export const turnIntents = ['CHAT', 'CONTEXT', 'MVP', 'PRD', 'BOM', 'WIRING', 'CODE', 'BUDGET'] as const;
export const intentSchema = z.enum(turnIntents);
export type TurnIntent = z.infer<typeof intentSchema>;

export const specialists = ['conversational', 'bomGenerator', 'wiringGenerator', 'codeGenerator', 'budget'] as const;
export const specialistSchema = z.enum(specialists);
export type Specialist = z.infer<typeof specialistSchema>;

export const artifactTypes = ['context', 'mvp', 'prd', 'bom', 'wiring', 'circuit_diagram', 'code', 'budget'] as const;
export const artifactTypeSchema = z.enum(artifactTypes);
export type DesignArtifactType = z.infer<typeof artifactTypeSchema>;

export const currencySchema = z.string().regex(/^[A-Z]{3}$/);
export const moneySchema = z.object({ amount: z.number().nonnegative(), currency: currencySchema });
export type Money = z.infer<typeof moneySchema>;

/** A finding of one rule: what is wrong, why it matters and what to do, about which lines and pins. */
export const warningSchema = z.object({
  rule: z.string().min(1), // e.g. 'logic-level', 'i2c-address', 'bus-pull-up', 'current-budget', 'strapping-pin'
  severity: z.enum(['info', 'warning', 'error']),
  message: z.string().min(1),
  reason: z.string().min(1),
  fix: z.string().min(1),
  refs: z.array(z.string()).default([]), // BOM line refs concerned
  pins: z.array(z.string()).default([]),
  resolved: z.boolean().default(false), // true once the design carries the fix (a level shifter was added, …)
});
export type DesignWarning = z.infer<typeof warningSchema>;

// ── context (conversational) ────────────────────────────────────────────────────────────────────────────────
export const requestedPartSchema = z.object({
  key: z.string().nullable(), // catalogue key; null when the maker named something the catalogue does not know
  name: z.string().min(1), // as the maker said it, or the catalogue name
  quantity: z.number().int().positive(),
});
export const contextDocSchema = z.object({
  goal: z.string().min(1),
  board: z.string().nullable(), // catalogue key of the microcontroller, when chosen
  sensing: z.array(z.string()), // quantities to sense: 'temperature', 'humidity', 'pressure', …
  parts: z.array(requestedPartSchema), // what the maker asked for by name
  unknownParts: z.array(z.string()), // named but not in the catalogue: said in the reply, never dropped
  display: z.string().nullable(),
  connectivity: z.array(z.string()), // 'wifi', 'bluetooth', 'lora', …
  power: z.object({ source: z.enum(['usb', 'battery', 'solar', 'mains-adapter', 'unknown']), notes: z.string() }),
  environment: z.enum(['indoor', 'outdoor', 'unknown']),
  budget: moneySchema.nullable(),
  constraints: z.array(z.string()),
  openQuestions: z.array(z.string()),
});
export type ContextDoc = z.infer<typeof contextDocSchema>;

// ── bom (bomGenerator) ──────────────────────────────────────────────────────────────────────────────────────
export const bomLineRoleSchema = z.enum([
  'mcu',
  'sensor',
  'display',
  'actuator',
  'power',
  'passive',
  'level-shifter',
  'prototyping',
  'other',
]);
/**
 * What a datasheet the maker attached says about its part (read by lib/analysis/datasheet, each fact with its page):
 * a BOM line for a part the catalogue lacks takes its supply, logic levels, current and I2C address from here.
 */
const pageRangeSchema = z.object({ min: z.number(), max: z.number(), page: z.number().int().positive() });
export const datasheetPartSchema = z.object({
  artifactId: z.string(),
  partNumber: z.string(),
  supplyV: pageRangeSchema.nullable(),
  logicV: pageRangeSchema.nullable(),
  i2cAddresses: z.array(z.string()),
  typicalMa: z.number().nonnegative().nullable(),
});
export type DatasheetPart = z.infer<typeof datasheetPartSchema>;

export const bomLineSchema = z.object({
  ref: z.string().min(1), // stable key of the line across versions (diffs key on it): 'esp32-devkitc', 'r-pullup-dht22'
  catalogueKey: z.string().nullable(), // null: not in the catalogue (verified is then false)
  name: z.string().min(1),
  mpn: z.string().nullable(),
  manufacturer: z.string().nullable(),
  quantity: z.number().int().positive(),
  role: bomLineRoleSchema,
  interface: z.string().nullable(), // 'I2C', 'SPI', 'GPIO', 'one-wire', 'UART', 'analog', 'power', …
  voltage: z.string().nullable(), // supply as printed: '3.3 V', '1.71–3.6 V'
  currentMa: z.object({ typical: z.number().nonnegative(), peak: z.number().nonnegative() }).nullable(),
  unitPrice: moneySchema.nullable(),
  linePrice: moneySchema.nullable(),
  supplier: z.string().nullable(),
  supplierPartNumber: z.string().nullable(),
  url: z.string().url().nullable(),
  alternatives: z.array(
    z.object({ catalogueKey: z.string(), name: z.string(), unitPrice: moneySchema.nullable(), note: z.string() }),
  ),
  warnings: z.array(warningSchema),
  reason: z.string(), // why the line is there: 'the maker asked for it', 'pull-up for the DHT22 data line'
  verified: z.boolean(),
  source: z.enum(['catalogue', 'datasheet', 'model', 'user']),
  // added by the engine (optional, so model and maker BOMs stay valid without them):
  requested: z.boolean().optional(), // the maker asked for this line; the rest support it (pull-ups, supply, …)
  i2cAddress: z.string().optional(), // the address this unit is set to when it differs from others on the bus
  datasheet: datasheetPartSchema.optional(), // source 'datasheet': the facts the line was built from
});
export type BomLine = z.infer<typeof bomLineSchema>;
export const bomSchema = z.object({
  boardRef: z.string().nullable(), // ref of the microcontroller line
  lines: z.array(bomLineSchema).min(1),
  totals: z.object({ subtotal: moneySchema, lineCount: z.number().int(), partCount: z.number().int() }),
  power: z.object({
    supply: z.string(), // 'USB 5 V through the board's 3.3 V LDO (AMS1117, 800 mA)'
    budgetMa: z.number().nonnegative(),
    typicalMa: z.number().nonnegative(),
    peakMa: z.number().nonnegative(),
  }),
  warnings: z.array(warningSchema),
  /** What the BOM was built from (optional): the board, the requested parts and the power source. */
  basis: z
    .object({
      board: z.string(),
      parts: z.array(
        z.object({ key: z.string(), quantity: z.number().int().positive(), reason: z.string().optional() }),
      ),
      unknownParts: z.array(z.string()),
      power: z.enum(['usb', 'battery', 'solar', 'mains-adapter', 'unknown']),
      wifi: z.boolean(),
      contextVersion: z.number().int().positive().optional(), // the context version it was built from
    })
    .optional(),
});
export type Bom = z.infer<typeof bomSchema>;

// ── wiring (wiringGenerator) and circuit_diagram ───────────────────────────────────────────────────────────
export const pinTypeSchema = z.enum([
  'power',
  'ground',
  'i2c-sda',
  'i2c-scl',
  'spi-mosi',
  'spi-miso',
  'spi-sck',
  'spi-cs',
  'uart-tx',
  'uart-rx',
  'digital',
  'analog',
  'pwm',
  'one-wire',
  'other',
]);
export const pinRefSchema = z.object({ ref: z.string().min(1), pin: z.string().min(1), pinType: pinTypeSchema });
export const connectionSchema = z.object({
  sequence: z.number().int().positive(), // order of assembly: power first, then buses, then signals
  from: pinRefSchema,
  to: pinRefSchema,
  voltage: z.string().nullable(),
  signalType: z.string(), // 'power', 'ground', 'I2C', 'SPI', 'digital', 'PWM', 'analog', …
  wireColor: z.string(), // by convention: red power, black ground, blue SDA, yellow SCL, …
  warnings: z.array(warningSchema),
  note: z.string(),
});
export type Connection = z.infer<typeof connectionSchema>;
export const wiringSchema = z.object({
  bomVersion: z.number().int().positive(), // the BOM version this wiring was built from
  steps: z.array(
    z.object({
      number: z.number().int().positive(),
      title: z.string(),
      instruction: z.string(),
      connections: z.array(z.number().int().positive()), // sequence numbers of the connections this step makes
    }),
  ),
  connections: z.array(connectionSchema).min(1),
  pinAssignments: z.array(z.object({ ref: z.string(), function: z.string(), boardPin: z.string() })),
  warnings: z.array(warningSchema),
});
export type Wiring = z.infer<typeof wiringSchema>;
/** circuit_diagram versions: content is the SVG our own code drew from the wiring; content_json is this. */
export const circuitDiagramSchema = z.object({
  wiringVersion: z.number().int().positive(),
  width: z.number(),
  height: z.number(),
});

// ── code (codeGenerator) ───────────────────────────────────────────────────────────────────────────────────
export const codeFileSchema = z.object({
  filename: z.string().min(1), // 'unit1_calibration/src/main.cpp', 'unit1_calibration/platformio.ini'
  language: z.string(), // 'cpp', 'ini', 'markdown'
  platform: z.string(), // 'platformio-arduino'
  unit: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  content: z.string(),
  requiredLibraries: z.array(z.string()), // PlatformIO lib_deps entries: 'adafruit/Adafruit BME280 Library@^2.2.4'
  isProductionReady: z.boolean(), // only unit 3 with every warning resolved
});
export type CodeFile = z.infer<typeof codeFileSchema>;
export const codeSchema = z.object({
  board: z.string(), // PlatformIO board id: 'esp32dev'
  framework: z.literal('arduino'),
  bomVersion: z.number().int().positive(),
  wiringVersion: z.number().int().positive().nullable(),
  units: z.array(
    z.object({ unit: z.union([z.literal(1), z.literal(2), z.literal(3)]), title: z.string(), goal: z.string() }),
  ),
  files: z.array(codeFileSchema).min(1),
  warnings: z.array(warningSchema),
});
export type CodeArtifact = z.infer<typeof codeSchema>;

// ── budget ─────────────────────────────────────────────────────────────────────────────────────────────────
export const budgetSchema = z.object({
  bomVersion: z.number().int().positive(),
  target: moneySchema.nullable(),
  total: moneySchema,
  difference: moneySchema.nullable(), // target − total, amount as an absolute value; see status
  status: z.enum(['under', 'over', 'on-target', 'no-target']),
  savings: z.array(
    z.object({ ref: z.string(), replaceWith: z.string(), name: z.string(), saves: moneySchema, tradeoff: z.string() }),
  ),
});
export type Budget = z.infer<typeof budgetSchema>;

/** mvp and prd versions are markdown (content) with this summary as content_json. */
export const documentSchema = z.object({ sections: z.array(z.object({ heading: z.string(), body: z.string() })) });

export const contentSchemaByType = {
  context: contextDocSchema,
  mvp: documentSchema,
  prd: documentSchema,
  bom: bomSchema,
  wiring: wiringSchema,
  circuit_diagram: circuitDiagramSchema,
  code: codeSchema,
  budget: budgetSchema,
} as const satisfies Record<DesignArtifactType, z.ZodType>;

// ── what the agents read and what a turn writes ───────────────────────────────────────────────────────────
/** The stale mark a BOM change leaves in the metadata of the wiring, diagram and code built from an older BOM. */
export const staleMarkSchema = z.object({
  reason: z.string(), // 'BOM v2 replaced DHT22 with BME280'
  basedOn: z.object({ type: artifactTypeSchema, version: z.number().int().positive() }), // what this was built from
  current: z.object({ type: artifactTypeSchema, version: z.number().int().positive() }), // what exists now
});
export type StaleMark = z.infer<typeof staleMarkSchema>;

export type ArtifactSnapshot<T> = {
  artifactId: string;
  title: string;
  version: number;
  content: string | null;
  json: T;
  stale: StaleMark | null;
};

/** The project state: the chat's project and the current version of each of its artifacts. */
export type ProjectState = {
  project: { id: string; name: string; goal: string | null; targetBudget: Money | null } | null;
  artifacts: {
    context?: ArtifactSnapshot<ContextDoc>;
    mvp?: ArtifactSnapshot<z.infer<typeof documentSchema>>;
    prd?: ArtifactSnapshot<z.infer<typeof documentSchema>>;
    bom?: ArtifactSnapshot<Bom>;
    wiring?: ArtifactSnapshot<Wiring>;
    circuit_diagram?: ArtifactSnapshot<z.infer<typeof circuitDiagramSchema>>;
    code?: ArtifactSnapshot<CodeArtifact>;
    budget?: ArtifactSnapshot<Budget>;
  };
  /** The last messages of the active branch, oldest first, for prose and for references like "it" or "that one". */
  recent: Array<{ role: 'user' | 'assistant'; content: string }>;
  /** Parts of the datasheets attached to the chat (their datasheet_analysis artifacts). */
  datasheets?: DatasheetPart[];
};

/** One artifact version a turn writes. `base` null creates the artifact; otherwise a version after expectedVersion. */
export type ArtifactWrite = {
  type: DesignArtifactType;
  title: string;
  base: { artifactId: string; expectedVersion: number } | null;
  content: string | null; // markdown for documents, the SVG for diagrams, a readable rendering for the rest
  contentJson: unknown; // parsed by contentSchemaByType[type] before saving
  changeSummary: string; // 'Initial version' or what changed: 'Replaced DHT22 with BME280 (I2C, 3.3 V); total −$2.10'
};

/** What a specialist decided for one user message. The runner streams `reply`, then saves everything in one turn. */
export type TurnPlan = {
  intent: TurnIntent;
  agent: Specialist;
  reply: string; // markdown the agent says, naming unknown parts, warnings and what changed
  writes: ArtifactWrite[];
  stale: Array<{ artifactId: string; mark: StaleMark | null }>; // null clears a mark (the wiring was updated)
  projectName: string | null; // a name from the goal, used when the turn creates the chat's project
  question: boolean; // true: the request was ambiguous and the reply asks; nothing is written
};

export type PlanTurnInput = { message: string; intent: TurnIntent; state: ProjectState };
