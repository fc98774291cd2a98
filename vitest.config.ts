import { defineConfig } from 'vitest/config';

/**
 * Two groups: fast unit tests (files in parallel), then the tests that start real RDP servers,
 * real browsers and real helper processes — one file at a time, since they share loopback
 * addresses, the X display of the FreeRDP shadow servers and the machine's two cores.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'native-host/**/*.test.ts', 'extension/**/*.test.ts', 'bench/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'system',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
