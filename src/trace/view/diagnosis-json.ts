// The diagnosis as a JSON document for tools and bug reports: the full Diagnosis (untruncated
// errors) wrapped with what identifies it.

import type { Diagnosis } from '../types';

export const DIAGNOSIS_JSON_FORMAT = 'armonik-trace/diagnosis';
export const DIAGNOSIS_JSON_VERSION = 1;

export interface DiagnosisDocument {
  format: typeof DIAGNOSIS_JSON_FORMAT;
  version: typeof DIAGNOSIS_JSON_VERSION;
  exportedAt: string;
  endpoint: string | undefined;
  diagnosis: Diagnosis;
}

export function diagnosisToJson(diagnosis: Diagnosis, context: { endpoint?: string; now?: number } = {}): string {
  const document: DiagnosisDocument = {
    format: DIAGNOSIS_JSON_FORMAT,
    version: DIAGNOSIS_JSON_VERSION,
    exportedAt: new Date(context.now ?? Date.now()).toISOString(),
    endpoint: context.endpoint,
    diagnosis,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
