/**
 * Internal, except {@link io.dqgate.spark.write.GateCommitProtocol}, which Spark instantiates by
 * the name the gate sets in {@code spark.sql.sources.commitProtocolClass}. Write gating: the
 * optimizer rule that observes every write with rules, the commit protocol that decides before
 * publishing, and the {@link io.dqgate.spark.write.WriteTarget} seam with one adapter per kind of
 * write plan node, listed in {@code WriteTargets.ALL}.
 */
package io.dqgate.spark.write;
