import { AwsError } from './aws-json.js';

type Fields = Record<string, unknown>;

interface Bounds {
  min?: number;
  max?: number;
}

/**
 * The JSON body of one AWS call, read field by field the way the service's
 * validation layer does: a missing required member or a value outside the
 * model's constraints is answered with the service's own validation exception
 * and the "1 validation error detected" message AWS uses.
 */
export class AwsInput {
  private constructor(
    private readonly fields: Fields,
    private readonly validationCode: string,
  ) {}

  static parse(body: Buffer, validationCode: string): AwsInput {
    const text = body.toString('utf8').trim();
    if (text === '') return new AwsInput({}, validationCode);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new AwsError('SerializationException', 'Request body is not valid JSON');
    }
    if (!isFields(parsed)) throw new AwsError('SerializationException', 'Start of structure or map expected');
    return new AwsInput(parsed, validationCode);
  }

  static of(fields: Fields, validationCode: string): AwsInput {
    return new AwsInput(fields, validationCode);
  }

  string(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined) throw this.violation(name, null, 'Member must not be null');
    return value;
  }

  /** A required string that may be empty, as modelled for values such as an environment variable's. */
  text(name: string): string {
    const value = this.fields[name];
    if (value === undefined || value === null) throw this.violation(name, null, 'Member must not be null');
    if (typeof value !== 'string') throw this.serialization(name, 'a string');
    return value;
  }

  optionalString(name: string): string | undefined {
    const value = this.fields[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw this.serialization(name, 'a string');
    if (value.length === 0) throw this.violation(name, value, 'Member must have length greater than or equal to 1');
    return value;
  }

  optionalEnum<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.optionalString(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw this.violation(name, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
    }
    return value as T;
  }

  optionalInteger(name: string, bounds: Bounds): number | undefined {
    const value = this.fields[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw this.serialization(name, 'an integer');
    this.checkBounds(name, value, value, bounds, 'value');
    return value;
  }

  stringList(name: string, bounds: Bounds): string[] {
    const value = this.optionalStringList(name, bounds);
    if (value === undefined) throw this.violation(name, null, 'Member must not be null');
    return value;
  }

  optionalStringList(name: string, bounds: Bounds): string[] | undefined {
    const list = this.optionalList(name, bounds);
    if (list === undefined) return undefined;
    if (!list.every((item) => typeof item === 'string')) throw this.serialization(name, 'a list of strings');
    return list as string[];
  }

  objectList(name: string, bounds: Bounds): AwsInput[] {
    const list = this.optionalList(name, bounds);
    if (list === undefined) throw this.violation(name, null, 'Member must not be null');
    return list.map((item) => {
      if (!isFields(item)) throw this.serialization(name, 'a list of structures');
      return new AwsInput(item, this.validationCode);
    });
  }

  optionalObject(name: string): AwsInput | undefined {
    const value = this.fields[name];
    if (value === undefined || value === null) return undefined;
    if (!isFields(value)) throw this.serialization(name, 'a structure');
    return new AwsInput(value, this.validationCode);
  }

  /** The members sent, for operations that keep a structure as given (RegisterTaskDefinition). */
  names(): string[] {
    return Object.keys(this.fields).filter((name) => this.has(name));
  }

  /** A member exactly as sent, unchecked. */
  raw(name: string): unknown {
    return this.fields[name];
  }

  has(name: string): boolean {
    return this.fields[name] !== undefined && this.fields[name] !== null;
  }

  /** The service's validation exception, for rules the service checks beyond the model's constraints. */
  invalid(message: string): AwsError {
    return new AwsError(this.validationCode, message);
  }

  private optionalList(name: string, bounds: Bounds): unknown[] | undefined {
    const value = this.fields[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw this.serialization(name, 'a list');
    this.checkBounds(name, value, value.length, bounds, 'length');
    return value;
  }

  private checkBounds(name: string, value: unknown, measure: number, bounds: Bounds, what: 'value' | 'length'): void {
    const noun = what === 'value' ? 'value' : 'length';
    if (bounds.min !== undefined && measure < bounds.min) {
      throw this.violation(name, value, `Member must have ${noun} greater than or equal to ${bounds.min}`);
    }
    if (bounds.max !== undefined && measure > bounds.max) {
      throw this.violation(name, value, `Member must have ${noun} less than or equal to ${bounds.max}`);
    }
  }

  private violation(name: string, value: unknown, constraint: string): AwsError {
    const shown = value === null ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
    return this.invalid(`1 validation error detected: Value ${shown} at '${name}' failed to satisfy constraint: ${constraint}`);
  }

  private serialization(name: string, expected: string): AwsError {
    return new AwsError('SerializationException', `Expected ${expected} for '${name}'`);
  }
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
