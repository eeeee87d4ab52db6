package io.dqgate.spark.diagnostics;

import io.dqgate.spark.runtime.GateRuntime;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The gate's Spark listener, added by the extension (no {@code spark.extraListeners} needed). Every
 * callback is guarded: a listener must never break the job. Job, stage and task events feed the
 * stage diagnostics ({@link StageMetricsCollector}); after its first internal error the collector
 * is switched off for the rest of the run, so a broken collector costs one warning, not one per
 * task.
 */
public final class GateListener extends SparkListener {
  private final GateRuntime runtime;
  private final StageMetricsCollector stages;
  private volatile boolean stagesBroken;

  /**
   * A listener for {@code runtime}; its stage diagnostics recorder joins the runtime's observers.
   */
  public GateListener(GateRuntime runtime) {
    this.runtime = runtime;
    StageDiagnosticsRecorder recorder = new StageDiagnosticsRecorder(runtime);
    this.stages = recorder.collector();
    runtime.addObserver(recorder);
  }

  @Override
  public void onJobStart(SparkListenerJobStart event) {
    collect("collecting a job's stages", () -> stages.onJobStart(event));
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted event) {
    collect("collecting a stage", () -> stages.onStageSubmitted(event));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    collect("collecting task metrics", () -> stages.onTaskEnd(event));
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted event) {
    collect("summarising a stage", () -> stages.onStageCompleted(event));
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd event) {
    collect("ending a job's stages", () -> stages.onJobEnd(event));
  }

  @Override
  public void onOtherEvent(SparkListenerEvent event) {
    collect("judging an execution's stages", () -> stages.onOtherEvent(event));
  }

  @Override
  public void onApplicationEnd(SparkListenerApplicationEnd end) {
    try {
      runtime.guard().run("writing the reports at application end", runtime::finishInBackground);
    } catch (RuntimeException e) {
      // fail-closed: already recorded as an internal error (exit code 4); a listener must not throw
    }
  }

  private void collect(String where, Runnable body) {
    if (stagesBroken) {
      return;
    }
    try {
      boolean ok =
          runtime
              .guard()
              .run(
                  where + " (stage diagnostics are off for the rest of this run)",
                  false,
                  () -> {
                    body.run();
                    return true;
                  });
      stagesBroken = !ok;
    } catch (RuntimeException recorded) {
      // fail-closed: already recorded as an internal error (exit code 4); a listener must not throw
      stagesBroken = true;
    }
  }
}
