/** GENERATED from the families table (`families.ts`) by `npm run build`. Do not edit. */

/** The code families, in the order of the families table (`families.ts`). Stable strings: `--json` shows them. */
export const NAMESPACES = [
  'disconnect-reason',
  'extended-reason',
  'negotiation-failure',
  'hresult',
  'ntstatus',
  'avd',
  'freerdp',
  'event-id',
  'entra',
  'gateway',
  'message',
] as const;
