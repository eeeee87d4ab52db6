/**
 * Internal. The {@code ./dqgate} command, one class per sub-command ({@code lint}, {@code submit},
 * {@code demo}, {@code report}).
 */
package io.dqgate.spark.cli;
