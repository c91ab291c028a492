-- CreateTable
CREATE TABLE "signals" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "correlation_key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "signals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_waits" (
    "run_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "correlation_key" TEXT NOT NULL,
    "lookback_from" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "event_waits_pkey" PRIMARY KEY ("run_id","node_id","attempt")
);

-- CreateIndex
CREATE INDEX "signals_workspace_id_name_correlation_key_received_at_idx" ON "signals"("workspace_id", "name", "correlation_key", "received_at");

-- CreateIndex
CREATE INDEX "event_waits_workspace_id_name_correlation_key_idx" ON "event_waits"("workspace_id", "name", "correlation_key");
