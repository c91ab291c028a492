-- AlterTable
ALTER TABLE "rm_workflows" ADD COLUMN     "triggers" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "rm_schedules" (
    "workflow_id" TEXT NOT NULL,
    "trigger_id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "cron" TEXT,
    "timezone" TEXT,
    "misfire" TEXT NOT NULL,
    "paused" BOOLEAN NOT NULL,
    "input" JSONB NOT NULL,
    "next_fire_at" TIMESTAMPTZ(3),

    CONSTRAINT "rm_schedules_pkey" PRIMARY KEY ("workflow_id","trigger_id")
);

-- CreateIndex
CREATE INDEX "rm_schedules_next_fire_at_idx" ON "rm_schedules"("next_fire_at");

-- AlterTable
ALTER TABLE "rm_runs" ADD COLUMN     "trigger" JSONB;
