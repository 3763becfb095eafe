#!/usr/bin/env node
import { runCli } from '../cli/main.js';

// The CLI bundle's entry (dist/cli/index.js).
runCli(process.argv.slice(2));
