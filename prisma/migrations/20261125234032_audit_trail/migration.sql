-- CreateTable
CREATE TABLE "rm_audit" (
    "position" BIGINT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "run_id" TEXT,
    "action" TEXT NOT NULL,
    "actor_id" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "detail" JSONB,

    CONSTRAINT "rm_audit_pkey" PRIMARY KEY ("position")
);

-- CreateIndex
CREATE INDEX "rm_audit_workflow_id_position_idx" ON "rm_audit"("workflow_id", "position" DESC);
