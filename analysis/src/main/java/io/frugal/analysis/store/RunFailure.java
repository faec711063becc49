package io.frugal.analysis.store;

/** The last failed attempt of a run, from its failure.json; fields the file lacks are null. */
public record RunFailure(String runId, Integer exitCode, String message, String log, String at) {}
