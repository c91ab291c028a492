export { busKeys, type BusKeys } from './bus-keys.js';
export { decodeTaskMessage, encodeTaskMessage, MalformedTaskError, type TaskMessage } from './task-message.js';
export { TaskQueue, type QueueBacklog, type QueuedTask, type TaskQueueOptions } from './task-queue.js';
export { EventFeed, type EventFeedOptions, type FeedEntry } from './event-feed.js';
export { LivePublisher } from './live-publisher.js';
export { LiveSubscriber, type LiveListener, type LiveSubscriberOptions } from './live-subscriber.js';
export { RedisEpoch } from './redis-epoch.js';
export { NodeLimiter, type NodeLimiterOptions, type NodeSlot } from './node-limiter.js';
