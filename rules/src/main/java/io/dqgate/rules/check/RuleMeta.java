package io.dqgate.rules.check;

import io.dqgate.rules.Severity;
import io.dqgate.rules.SourceLocation;

/**
 * What every rule has besides its check: a stable id (explicit or derived), a severity, an optional
 * description in the data owner's words, and where it was written.
 */
public record RuleMeta(String id, Severity severity, String description, SourceLocation location) {}
