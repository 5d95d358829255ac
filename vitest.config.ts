import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node' } },
      { extends: true, test: { name: 'db', include: ['tests/db/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'local', include: ['tests/local/**/*.test.ts'], environment: 'node' } },
    ],
  },
});
