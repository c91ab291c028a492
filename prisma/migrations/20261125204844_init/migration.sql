-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "events" (
    "global_position" BIGSERIAL NOT NULL,
    "transaction_id" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    "stream_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "event_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "schema_version" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "metadata" JSONB NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "events_pkey" PRIMARY KEY ("global_position")
);

-- CreateTable
CREATE TABLE "streams" (
    "stream_id" TEXT NOT NULL,
    "stream_type" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "closed" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "streams_pkey" PRIMARY KEY ("stream_id")
);

-- CreateTable
CREATE TABLE "processed_commands" (
    "command_id" TEXT NOT NULL,
    "stream_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_commands_pkey" PRIMARY KEY ("command_id")
);

-- CreateTable
CREATE TABLE "checkpoints" (
    "name" TEXT NOT NULL,
    "transaction_id" BIGINT NOT NULL DEFAULT 0,
    "position" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "checkpoints_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "timers" (
    "id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "fired_at" TIMESTAMPTZ(3),

    CONSTRAINT "timers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rm_workflows" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "draft" JSONB NOT NULL,
    "draft_revision" INTEGER NOT NULL,
    "latest_version" INTEGER,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "projected_version" INTEGER NOT NULL,

    CONSTRAINT "rm_workflows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rm_workflow_versions" (
    "workflow_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "graph" JSONB NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    "published_by" TEXT,

    CONSTRAINT "rm_workflow_versions_pkey" PRIMARY KEY ("workflow_id","version")
);

-- CreateTable
CREATE TABLE "rm_runs" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "workflow_version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "input" JSONB NOT NULL,
    "output" JSONB,
    "error" JSONB,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "projected_version" INTEGER NOT NULL,

    CONSTRAINT "rm_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rm_node_runs" (
    "run_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "node_type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "input" JSONB,
    "output" JSONB,
    "branch" TEXT,
    "error" JSONB,
    "scheduled_at" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "seq" INTEGER NOT NULL,

    CONSTRAINT "rm_node_runs_pkey" PRIMARY KEY ("run_id","node_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "events_event_id_key" ON "events"("event_id");

-- CreateIndex
CREATE UNIQUE INDEX "events_stream_id_version_key" ON "events"("stream_id", "version");

-- CreateIndex
CREATE INDEX "streams_stream_type_closed_idx" ON "streams"("stream_type", "closed");

-- CreateIndex
CREATE INDEX "timers_due_at_idx" ON "timers"("due_at");

-- CreateIndex
CREATE INDEX "rm_workflows_workspace_id_created_at_id_idx" ON "rm_workflows"("workspace_id", "created_at" DESC, "id");

-- CreateIndex
CREATE INDEX "rm_runs_workspace_id_started_at_id_idx" ON "rm_runs"("workspace_id", "started_at" DESC, "id");

-- CreateIndex
CREATE INDEX "rm_runs_workflow_id_started_at_id_idx" ON "rm_runs"("workflow_id", "started_at" DESC, "id");

-- AddForeignKey
ALTER TABLE "rm_workflow_versions" ADD CONSTRAINT "rm_workflow_versions_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "rm_workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rm_node_runs" ADD CONSTRAINT "rm_node_runs_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "rm_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
