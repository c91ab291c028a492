import type { IncomingHttpHeaders } from 'node:http';
import { readRequestBody, startServer, type TestServer } from './http-server.js';

/** What the stand-in received: the chat completion request body and its headers. */
export type ChatRequest = { path: string; headers: IncomingHttpHeaders; body: ChatRequestBody };
export type ChatRequestBody = {
  model: string;
  messages: { role: string; content: string }[];
  stream?: boolean;
  temperature?: number;
  max_tokens?: number;
  response_format?: unknown;
  stream_options?: unknown;
};

/**
 * How the stand-in answers one request: streamed text (in `chunkSize`-character deltas,
 * `chunkDelayMs` apart), an error status with an OpenAI-style error body, or a stream
 * that starts and never ends (to test aborts).
 */
export type StandInAnswer = { text: string; chunkSize?: number; chunkDelayMs?: number } | { status: number; message: string } | { hang: true };

export type OpenAiCompatibleStandIn = TestServer & {
  /** `http://127.0.0.1:<port>/v1` */
  baseUrl: string;
  chatRequests: ChatRequest[];
  /** Requests whose connection closed before the answer ended (aborted by the client). */
  abandoned: () => number;
};

const lastUserMessage = (body: ChatRequestBody): string => [...body.messages].reverse().find((message) => message.role === 'user')?.content ?? '';

/**
 * A local OpenAI-compatible server speaking the real protocol: `POST /v1/chat/completions`,
 * answering server-sent events (`data: {"choices":[{"delta":{"content":"…"}}]}` … a usage
 * chunk … `data: [DONE]`) when `stream` is true, one JSON completion otherwise. Token counts
 * are words of the messages in, deltas out. By default it answers `echo: <last user message>`.
 */
export async function startOpenAiCompatibleStandIn(answer: (request: ChatRequest) => StandInAnswer = (request) => ({ text: `echo: ${lastUserMessage(request.body)}` })): Promise<OpenAiCompatibleStandIn> {
  const chatRequests: ChatRequest[] = [];
  let abandoned = 0;
  const server = await startServer((request, response) => {
    void readRequestBody(request).then(async (raw) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (request.method !== 'POST' || path !== '/v1/chat/completions') return void response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      const body = JSON.parse(raw) as ChatRequestBody;
      const chat: ChatRequest = { path, headers: request.headers, body };
      chatRequests.push(chat);
      const reply = answer(chat);
      if ('status' in reply) return void response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: reply.message, type: 'stand_in_error' } }));
      const id = `chatcmpl-${chatRequests.length}`;
      const created = Math.floor(Date.now() / 1000);
      response.on('close', () => {
        if (!response.writableEnded) abandoned += 1;
      });
      if ('hang' in reply) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta: { role: 'assistant', content: 'thinking' }, finish_reason: null }] })}\n\n`);
        return;
      }
      const promptTokens = body.messages.reduce((sum, message) => sum + words(message.content), 0);
      const deltas = split(reply.text, reply.chunkSize ?? 4);
      const usage = { prompt_tokens: promptTokens, completion_tokens: deltas.length, total_tokens: promptTokens + deltas.length };
      if (!body.stream) {
        const message = { role: 'assistant', content: reply.text };
        return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id, object: 'chat.completion', created, model: body.model, choices: [{ index: 0, message, finish_reason: 'stop' }], usage }));
      }
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const send = (chunk: object): boolean => response.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, ...chunk })}\n\n`);
      for (const [index, delta] of deltas.entries()) {
        if (response.destroyed) return;
        send({ choices: [{ index: 0, delta: index === 0 ? { role: 'assistant', content: delta } : { content: delta }, finish_reason: null }] });
        if (reply.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, reply.chunkDelayMs));
      }
      if (response.destroyed) return;
      send({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
      send({ choices: [], usage });
      response.end('data: [DONE]\n\n');
    });
  });
  return { ...server, baseUrl: `${server.origin}/v1`, chatRequests, abandoned: () => abandoned };
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function split(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += size) parts.push(text.slice(start, start + size));
  return parts.length ? parts : [''];
}
