/**
 * Internal. Temp-view gating: by default ({@code spark.dqgate.views=observe}) metrics that ride in
 * the queries that read the view, placed after column pruning; with {@code eager}, checks when a
 * view is created.
 */
package io.dqgate.spark.view;
