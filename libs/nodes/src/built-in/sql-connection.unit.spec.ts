import { describe, expect, it } from 'vitest';
import { NodeExecutionError } from '../node-execution-error.js';
import { sqlConnection } from './sql-connection.js';
import { sqlError } from './sql-errors.js';

describe('sqlConnection', () => {
  it('reads a connection string, with sslmode and encoded user and password', () => {
    expect(sqlConnection({ connectionString: 'postgresql://etl%40x:p%2Fw@db.example.com:6543/ware%20house?sslmode=verify-full' }, 'c')).toEqual({
      host: 'db.example.com', port: 6543, database: 'ware house', user: 'etl@x', password: 'p/w', ssl: true, rejectUnauthorized: true,
    });
    expect(sqlConnection({ connectionString: 'postgres://u@db.example.com/d?sslmode=require' }, 'c')).toMatchObject({ port: 5432, ssl: true, rejectUnauthorized: false });
  });

  it('reads separate fields, ssl as a flag', () => {
    expect(sqlConnection({ host: '10.0.0.5', port: '5433', database: 'd', user: 'u', password: 'p', ssl: 'true' }, 'c')).toEqual({ host: '10.0.0.5', port: 5433, database: 'd', user: 'u', password: 'p', ssl: true, rejectUnauthorized: true });
    expect(sqlConnection({ host: 'db' }, 'c')).toMatchObject({ port: 5432, ssl: false });
  });

  it.each([
    [{ connectionString: 'mysql://u@h/d' }, /postgres:\/\/ URL/],
    [{ connectionString: 'not a url with secret-value' }, /postgres:\/\/ URL/],
    [{ connectionString: 'postgres://u@h/d?host=/tmp' }, /Unix socket/],
    [{ host: '/var/run/postgresql' }, /Unix socket/],
    [{ user: 'u' }, /give "connectionString" or "host"/],
    [{ host: 'h', port: '99999' }, /not a port/],
    [{ host: 'h', ssl: 'maybe' }, /neither a boolean nor an sslmode/],
  ])('refuses %j as CONFIG, naming the field, never the value', (values, message) => {
    let caught: unknown;
    try {
      sqlConnection(values, 'c');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NodeExecutionError);
    expect(caught).toMatchObject({ code: 'CONFIG', retryable: false, message: expect.stringMatching(message) as unknown });
    expect((caught as Error).message).not.toContain('secret-value');
  });
});

describe('sqlError', () => {
  it.each([
    ['08006', true], ['40001', true], ['40P01', true], ['55P03', true], ['57P01', true], ['53300', true],
    ['42601', false], ['23505', false], ['22P02', false], ['28P01', false], ['42501', false],
  ])('SQLSTATE %s is retryable: %s', (code, retryable) => {
    expect(sqlError(Object.assign(new Error('boom'), { code }), 'PostgreSQL', 1000)).toMatchObject({ code: 'EXECUTION', retryable, message: `PostgreSQL failed: boom (SQLSTATE ${code})` });
  });

  it('maps statement_timeout to TIMEOUT and network failures to retryable errors', () => {
    expect(sqlError(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }), 'PostgreSQL', 250)).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(sqlError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'PostgreSQL', 1)).toMatchObject({ retryable: true, message: 'PostgreSQL failed: ECONNREFUSED' });
    expect(sqlError(new Error('Connection terminated due to connection timeout'), 'PostgreSQL', 1)).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });
});
