/**
 * Internal. Temp-view gating: eager checks when a view is created, or ({@code
 * spark.dqgate.views=observe}) metrics that ride in the queries that read the view.
 */
package io.dqgate.spark.view;
