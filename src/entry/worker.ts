import { serveAsWorker } from '../sources/parallel.js';

// The worker bundle: small, so that starting it on another core costs little.
serveAsWorker();
