-- CreateTable
CREATE TABLE "child_batches" (
    "parent_run_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "collect" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "depth" INTEGER NOT NULL,
    "done" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "child_batches_pkey" PRIMARY KEY ("parent_run_id","node_id","attempt")
);

-- CreateTable
CREATE TABLE "child_runs" (
    "child_run_id" TEXT NOT NULL,
    "parent_run_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "depth" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "output" JSONB,
    "error" JSONB,
    "finished_seq" INTEGER,

    CONSTRAINT "child_runs_pkey" PRIMARY KEY ("child_run_id")
);

-- CreateIndex
CREATE INDEX "child_runs_parent_run_id_node_id_attempt_index_idx" ON "child_runs"("parent_run_id", "node_id", "attempt", "index");
