-- CreateTable
CREATE TABLE "event_triggers" (
    "workflow_id" TEXT NOT NULL,
    "trigger_id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "filter" TEXT,
    "watched_workflow_id" TEXT,

    CONSTRAINT "event_triggers_pkey" PRIMARY KEY ("workflow_id","trigger_id")
);

-- CreateIndex
CREATE INDEX "event_triggers_workspace_id_name_idx" ON "event_triggers"("workspace_id", "name");
