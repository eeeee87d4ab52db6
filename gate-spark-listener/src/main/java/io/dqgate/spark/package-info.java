/**
 * API. The gate's entry point, {@link io.dqgate.spark.DqGateExtensions}, named in {@code
 * spark.sql.extensions}; the only type users touch besides the configuration keys. It starts the
 * runtime and hands it to every rule, listener, observer and sink it builds.
 */
package io.dqgate.spark;
