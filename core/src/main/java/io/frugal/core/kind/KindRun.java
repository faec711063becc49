package io.frugal.core.kind;

import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunResult;

/** A done run as a kind's report tables see it: its plan entry (config included) and its result. */
public record KindRun(PlannedRun planned, RunResult result) {}
