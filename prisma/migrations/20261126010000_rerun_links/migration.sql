-- AlterTable
ALTER TABLE "rm_runs" ADD COLUMN     "rerun_from_node" TEXT,
ADD COLUMN     "rerun_of" TEXT;
