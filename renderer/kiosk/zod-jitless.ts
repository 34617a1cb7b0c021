// The renderer runs under a CSP without 'unsafe-eval'. Zod 4 probes `new Function("")` to decide
// whether to JIT-compile object parsers; under the CSP the probe fails (harmlessly) but reports a
// violation each time a page or worker starts. Jitless mode skips the probe. Import this module
// first in every renderer entry that parses with zod.
import { z } from 'zod';

z.config({ jitless: true });
