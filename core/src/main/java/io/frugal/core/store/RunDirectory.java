package io.frugal.core.store;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of one run in the run store (README, "Run store"). Only paths and presence
 * checks live here; who writes what: the planner writes config.json ({@link ConfigFile}), the
 * trainer writes metrics.jsonl ({@link MetricsFile}), checkpoint/, model/ and result.json
 * ({@link ResultFile}), the harness writes provenance.json, failure.json ({@link FailureFile}),
 * log.txt and, for runs SLURM executed, slurm.json (its accounting, which the report reads).
 */
public record RunDirectory(Path dir) {
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String CHECKPOINT_DIR = "checkpoint";
    public static final String CHECKPOINT_FILE = "latest.ckpt";
    public static final String PROVENANCE = "provenance.json";
    public static final String RESULT = "result.json";
    public static final String FAILURE = "failure.json";
    public static final String LOG = "log.txt";
    public static final String LOCK = ".lock";
    public static final String SLURM_ACCOUNTING = "slurm.json";
    /**
     * The trained model a done run leaves for runs that need it (a classifier that labels a flow
     * model's images, a BYOL backbone that is a ReLA prior): written before result.json.
     */
    public static final String MODEL_DIR = "model";

    public Path config() { return dir.resolve(CONFIG); }
    public Path metrics() { return dir.resolve(METRICS); }
    public Path checkpointDir() { return dir.resolve(CHECKPOINT_DIR); }
    public Path checkpoint() { return checkpointDir().resolve(CHECKPOINT_FILE); }
    public Path provenance() { return dir.resolve(PROVENANCE); }
    public Path result() { return dir.resolve(RESULT); }
    public Path failure() { return dir.resolve(FAILURE); }
    public Path log() { return dir.resolve(LOG); }
    public Path lock() { return dir.resolve(LOCK); }
    public Path slurmAccounting() { return dir.resolve(SLURM_ACCOUNTING); }
    public Path modelDir() { return dir.resolve(MODEL_DIR); }

    /** A run is done exactly when its result.json exists: it is written last, atomically. */
    public boolean isDone() { return Files.isRegularFile(result()); }
    public boolean hasCheckpoint() { return Files.isRegularFile(checkpoint()); }
    public String runId() { return dir.getFileName().toString(); }
}
