import { BadRequestException, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { DomainError, invalid, notFound } from '../errors/domain-error';
import { toErrorBody } from './error.filter';

describe('one error shape for every failure', () => {
  const logger = () => {
    const l = new Logger('test');
    return Object.assign(l, { error: jest.fn(), warn: jest.fn() });
  };

  it('maps a domain error kind to its status and keeps its stable code and details', () => {
    expect(toErrorBody(invalid('endsOn', 'before startsOn'))).toEqual({
      statusCode: 400, code: 'VALIDATION_FAILED', message: 'endsOn: before startsOn', details: { fields: [{ field: 'endsOn', reason: 'before startsOn' }] },
    });
    expect(toErrorBody(new DomainError('TOO_MANY_LOGIN_ATTEMPTS', 'RATE_LIMITED', 'x')).statusCode).toBe(429);
    expect(toErrorBody(notFound('Jabatan atasan', 7, 'PARENT_POSITION'))).toMatchObject({ statusCode: 404, code: 'PARENT_POSITION_NOT_FOUND', details: { id: 7 } });
    expect(toErrorBody(notFound('Pimpinan satker', 7)).code).toBe('PIMPINAN_SATKER_NOT_FOUND');
  });

  it('keeps Nest HTTP exceptions, and what else their body carries', () => {
    expect(toErrorBody(new NotFoundException('Cannot GET /x'))).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Cannot GET /x', details: undefined });
    expect(toErrorBody(new BadRequestException(['a wrong', 'b wrong'])).message).toBe('a wrong; b wrong');
    const health = toErrorBody(new ServiceUnavailableException({ status: 'error', error: { redis: { status: 'down' } } }));
    expect(health).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', details: { status: 'error', error: { redis: { status: 'down' } } } });
  });

  it('answers lost infrastructure with 503 and without an internal message', () => {
    const l = logger();
    const body = toErrorBody(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306 secret-host'), { code: 'ECONNREFUSED' }), l);
    expect(body).toEqual({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: expect.any(String) });
    expect(body.message).not.toContain('secret-host');
    expect(toErrorBody({ driverError: { code: 'ER_LOCK_DEADLOCK' } }).statusCode).toBe(503);
  });

  it('answers anything else with 500 and an error id that is in the log, never the internal message', () => {
    const l = logger();
    const err = new Error('TypeError deep inside: password=hunter2');
    const body = toErrorBody(err, l);
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: expect.any(String), errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(l.error).toHaveBeenCalledWith(expect.objectContaining({ errorId: body.errorId, err: expect.objectContaining({ message: err.message, stack: err.stack }) }), expect.any(String));
    expect(toErrorBody(new Error('again'), l).errorId).not.toBe(body.errorId);
  });

  it('never logs the parameters of a failed query', () => {
    const l = logger();
    const failed = Object.assign(new Error('Data too long'), { name: 'QueryFailedError', query: 'INSERT INTO users (password_hash) VALUES (?)', parameters: ['$argon2id$secret-hash'], driverError: { code: 'ER_DATA_TOO_LONG' } });
    toErrorBody(failed, l);
    const logged = JSON.stringify((l.error as jest.Mock).mock.calls[0][0]);
    expect(logged).toContain('INSERT INTO users');
    expect(logged).toContain('ER_DATA_TOO_LONG');
    expect(logged).not.toContain('secret-hash');
  });

  it('passes a client error from the HTTP layer through (e.g. a body too large)', () => {
    expect(toErrorBody(Object.assign(new Error('too big'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }))).toMatchObject({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
  });

  it('answers 503, not 500, when Redis cannot be reached (ioredis errors carry no code)', () => {
    const e = Object.assign(new Error('Reached the max retries per request limit (which is 2). Refer to "maxRetriesPerRequest" option for details.'), { name: 'MaxRetriesPerRequestError' });
    expect(toErrorBody(e, logger())).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(toErrorBody(new Error('Connection is closed.'), logger()).statusCode).toBe(503);
  });
});
