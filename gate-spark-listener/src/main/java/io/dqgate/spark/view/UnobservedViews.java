package io.dqgate.spark.view;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.spark.runtime.GateRuntime;
import io.dqgate.spark.runtime.ObservedView;
import io.dqgate.spark.runtime.RunObserver;

/**
 * At the end of the run, records every observe-mode view definition never observed, each rule ERROR
 * (never a silent pass), and forgets them.
 */
public final class UnobservedViews implements RunObserver {
  @Override
  public void onEnding(GateRuntime runtime) {
    for (ObservedView view : runtime.observedViews().takeUnobserved()) {
      DatasetResult result = ViewObservations.neverRead(view);
      view.result(result);
      runtime.ledger().record(result);
    }
  }
}
