-- CreateTable
CREATE TABLE "output_blobs" (
    "workspace_id" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "bytes" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "output_blobs_pkey" PRIMARY KEY ("workspace_id","sha256")
);
