import type { IncomingHttpHeaders } from 'node:http';
import { readRequestBody, startServer, type TestServer } from './http-server.js';

/** What the stand-in received: the chat completion request body and its headers. */
export type ChatRequest = { path: string; headers: IncomingHttpHeaders; body: ChatRequestBody };
export type ChatRequestBody = {
  model: string;
  messages: ChatMessage[];
  tools?: { type: 'function'; function: { name: string; description?: string; parameters?: unknown } }[];
  tool_choice?: unknown;
  stream?: boolean;
  temperature?: number;
  max_tokens?: number;
  response_format?: unknown;
  stream_options?: unknown;
};

/** A tool call as the protocol carries it: `arguments` is JSON text. */
export type ChatToolCall = { id: string; type: 'function'; function: { name: string; arguments: string } };
/**
 * A message of the request. The node sends text prompts, so system and user content is a
 * string here; an assistant message that called tools has null content (or its text) and
 * `tool_calls`; a `tool` message answers one of them by `tool_call_id`.
 */
export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ChatToolCall[] }
  | { role: 'tool'; content: string; tool_call_id: string };

/**
 * How the stand-in answers one request: streamed text (in `chunkSize`-character deltas,
 * `chunkDelayMs` apart), tool calls (after the optional text, each call's arguments as JSON
 * split over `chunkSize`-character deltas, `finish_reason: "tool_calls"`), an error status
 * with an OpenAI-style error body, or a stream that starts and never ends (to test aborts).
 */
export type StandInAnswer =
  | { text: string; chunkSize?: number; chunkDelayMs?: number }
  | { toolCalls: { name: string; arguments: Record<string, unknown> }[]; text?: string; chunkSize?: number; chunkDelayMs?: number }
  | { status: number; message: string }
  | { hang: true };

export type OpenAiCompatibleStandIn = TestServer & {
  /** `http://127.0.0.1:<port>/v1` */
  baseUrl: string;
  chatRequests: ChatRequest[];
  /** Requests whose connection closed before the answer ended (aborted by the client). */
  abandoned: () => number;
};

const lastUserMessage = (body: ChatRequestBody): string => [...body.messages].reverse().find((message) => message.role === 'user')?.content ?? '';

/** The `tool` messages of a request (the answers to the model's tool calls), with the name of the tool each answers. */
export function toolResults(body: ChatRequestBody): { name: string | undefined; toolCallId: string; content: string }[] {
  const calls = body.messages.flatMap((message) => (message.role === 'assistant' ? (message.tool_calls ?? []) : []));
  return body.messages.flatMap((message) =>
    message.role === 'tool' ? [{ name: calls.find((call) => call.id === message.tool_call_id)?.function.name, toolCallId: message.tool_call_id, content: message.content }] : [],
  );
}

/**
 * A local OpenAI-compatible server speaking the real protocol: `POST /v1/chat/completions`,
 * answering server-sent events (`data: {"choices":[{"delta":{"content":"…"}}]}` … a usage
 * chunk … `data: [DONE]`) when `stream` is true, one JSON completion otherwise. Tool calls
 * arrive as `delta.tool_calls` chunks, and the follow-up request carries `tool` messages.
 * Token counts are words of the messages' text in, deltas out. By default it answers `echo: <last user message>`.
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
      const text = reply.text ?? '';
      const chunkSize = reply.chunkSize ?? 4;
      const deltas = 'toolCalls' in reply && text === '' ? [] : split(text, chunkSize);
      const calls = 'toolCalls' in reply ? reply.toolCalls.map((call, index) => ({ id: `call_${chatRequests.length}_${index}`, name: call.name, arguments: JSON.stringify(call.arguments) })) : [];
      const argumentDeltas = calls.map((call) => split(call.arguments, chunkSize));
      const completionTokens = deltas.length + argumentDeltas.reduce((sum, parts) => sum + parts.length, 0);
      const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
      const finishReason = calls.length ? 'tool_calls' : 'stop';
      const toolCalls: ChatToolCall[] = calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
      if (!body.stream) {
        const message = { role: 'assistant', content: calls.length && text === '' ? null : text, ...(calls.length ? { tool_calls: toolCalls } : {}) };
        return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id, object: 'chat.completion', created, model: body.model, choices: [{ index: 0, message, finish_reason: finishReason }], usage }));
      }
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const send = (chunk: object): boolean => response.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, ...chunk })}\n\n`);
      const pause = () => (reply.chunkDelayMs ? new Promise((resolve) => setTimeout(resolve, reply.chunkDelayMs)) : Promise.resolve());
      let first = true;
      const delta = (fields: object): object => {
        if (!first) return fields;
        first = false;
        return { role: 'assistant', content: null, ...fields };
      };
      for (const content of deltas) {
        if (response.destroyed) return;
        send({ choices: [{ index: 0, delta: delta({ content }), finish_reason: null }] });
        await pause();
      }
      for (const [index, call] of calls.entries()) {
        // The first delta of a call names it (id, type, function name); its arguments follow in pieces.
        for (const [part, piece] of argumentDeltas[index]!.entries()) {
          if (response.destroyed) return;
          const fn = part === 0 ? { name: call.name, arguments: piece } : { arguments: piece };
          const toolCall = part === 0 ? { index, id: call.id, type: 'function', function: fn } : { index, function: fn };
          send({ choices: [{ index: 0, delta: delta({ tool_calls: [toolCall] }), finish_reason: null }] });
          await pause();
        }
      }
      if (response.destroyed) return;
      send({ choices: [{ index: 0, delta: {}, finish_reason: finishReason }] });
      send({ choices: [], usage });
      response.end('data: [DONE]\n\n');
    });
  });
  return { ...server, baseUrl: `${server.origin}/v1`, chatRequests, abandoned: () => abandoned };
}

function words(content: unknown): number {
  const text = typeof content === 'string' ? content : Array.isArray(content) ? content.map((part: { text?: unknown }) => (typeof part.text === 'string' ? part.text : '')).join(' ') : '';
  return text.split(/\s+/).filter(Boolean).length;
}

function split(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += size) parts.push(text.slice(start, start + size));
  return parts.length ? parts : [''];
}
