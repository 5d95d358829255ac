// Runs in the browser before the app's code. Zod compiles object parsers with `new Function` when it may, and
// probes whether it may with a caught `new Function("")`: under the CSP (no 'unsafe-eval') that probe is reported
// as a violation on every page. jitless skips both; the parsers are the same, only not compiled.
import { z } from 'zod';

z.config({ jitless: true });
