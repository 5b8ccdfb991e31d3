// Lets a handler answer with bytes it encoded itself (record-encoding.ts) while grpc-js still
// serializes every other response the usual way: the service definition's serializer passes
// pre-encoded responses through untouched.

import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';

export class PreEncoded {
  constructor(readonly bytes: Buffer) {}
}

/** The response a handler hands to grpc-js; typed as the method's response so handler
 * signatures stay those of the generated service types. */
export function preEncoded<T>(bytes: Buffer): T {
  return new PreEncoded(bytes) as unknown as T;
}

/** A copy of `service` whose listed methods accept PreEncoded responses. */
export function acceptPreEncoded<S extends ServiceDefinition>(service: S, methods: ReadonlyArray<keyof S & string>): S {
  const copy: Record<string, MethodDefinition<unknown, unknown>> = { ...(service as Record<string, MethodDefinition<unknown, unknown>>) };
  for (const name of methods) {
    const method = copy[name];
    const serialize = method.responseSerialize;
    copy[name] = { ...method, responseSerialize: (value: unknown) => (value instanceof PreEncoded ? value.bytes : serialize(value)) };
  }
  return copy as S;
}
